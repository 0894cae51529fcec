import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { enqueueJob, stopJobQueue } from "../../lib/jobs/job-queue";
import { JOB_NAMES } from "../../lib/jobs/job-names";
import { runQueuedJobs } from "../../lib/jobs/run-queued-jobs";
import { addDays, classifyClaim } from "../../lib/recheck/claim-kind";
import { getDeskSettings, updateDeskSettings } from "../../lib/recheck/desk-settings";
import { countDueClaims, listDueClaims } from "../../lib/recheck/list-due-claims";
import { markDueClaims } from "../../lib/recheck/mark-due-claims";
import { setRecheckDate } from "../../lib/recheck/set-recheck-date";
import { startRecheck } from "../../lib/recheck/start-recheck";
import { loadReport } from "../../lib/reports/load-report";
import { buildClaimReviews } from "../../lib/reports/render-jsonld";
import { renderHtml } from "../../lib/reports/render-html";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { afterAll } from "vitest";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();
let a: Awaited<ReturnType<typeof createActors>>;
let articleId: string;
const today = new Date().toISOString().slice(0, 10);

const SENTENCES = [
  "The minister said 10,000 troops were sent to the border.",
  "The council said the library opened in 1901.",
  "The mayor said the bridge cost £3.4bn to build.",
  "The report said the museum has 200 rooms.",
];

beforeAll(async () => {
  a = await createActors();
  articleId = (await createArticle(a.editor, { title: "Verdicts that expire", body: SENTENCES.join("\n\n") })).id;
});
afterAll(() => stopJobQueue());

async function approvedClaim(exact: string, reviewer: Actor = a.reviewer) {
  const created = await createClaim(a.editor, articleId, { exact });
  const edited = await updateClaim(a.editor, created.id, {
    version: created.version,
    verdict: "verified",
    rationale: "Checked.",
  });
  const { claim } = await addSource(a.editor, created.id, {
    url: "https://example.org/x",
    title: "X",
    claimVersion: edited.version,
  });
  const submitted = await submitClaim(a.editor, claim.id, { version: claim.version });
  return (await reviewClaim(reviewer, claim.id, { version: submitted.version, decision: "approve" })).claim;
}

async function makeDue(id: string) {
  const claim = await getClaim(a.editor, id);
  await setRecheckDate(a.editor, id, { recheckBy: today, version: claim.version });
}

describe("verdicts that expire", () => {
  it("sets the re-check date at approval from the desk's setting and the kind of claim", async () => {
    const settings = await getDeskSettings(a.editor);
    const troops = await approvedClaim("10,000 troops were sent to the border");
    const library = await approvedClaim("the library opened in 1901");
    expect(classifyClaim("10,000 troops were sent").kind).toBe("moving");
    expect(troops.recheckBy).toBe(addDays(new Date(), settings.recheckMovingDays));
    expect(library.recheckBy).toBe(addDays(new Date(), settings.recheckDays));
    expect(troops.recheckDueAt).toBeNull();
  });

  it("lets the editor move the date without touching the approval, refusing past dates and stale versions", async () => {
    const claim = await approvedClaim("the bridge cost £3.4bn to build");
    const moved = await setRecheckDate(a.editor, claim.id, { recheckBy: "2099-01-31", version: claim.version });
    expect(moved).toMatchObject({ recheckBy: "2099-01-31", status: "approved", version: claim.version });
    await expect(setRecheckDate(a.editor, claim.id, { recheckBy: "2000-01-01", version: claim.version })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { recheckBy: expect.any(String) },
    });
    await expect(
      setRecheckDate(a.editor, claim.id, { recheckBy: "2099-02-01", version: claim.version - 1 }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(setRecheckDate(a.reviewer, claim.id, { recheckBy: "2099-02-01", version: claim.version })).rejects.toMatchObject(
      {
        code: "forbidden",
      },
    );
  });

  it("marks claims past their date as due, once, through the scheduled job", async () => {
    const before = await countDueClaims(a.editor);
    const claim = await approvedClaim("the museum has 200 rooms");
    await makeDue(claim.id);
    expect(await markDueClaims(addDays(new Date(), -1))).toEqual({ marked: 0 }); // not yet past yesterday
    await enqueueJob(JOB_NAMES.recheckSweep, {});
    expect(await runQueuedJobs({ only: [JOB_NAMES.recheckSweep] })).toMatchObject({ completed: 1, failed: 0 });
    expect((await getClaim(a.editor, claim.id)).recheckDueAt).not.toBeNull();
    expect(await countDueClaims(a.editor)).toBe(before + 1);
    expect(await markDueClaims()).toEqual({ marked: 0 }); // idempotent
  });

  it("lists due claims oldest first, filtered, keyset-paged", async () => {
    const ids: string[] = [];
    for (const exact of ["the library opened in 1901", "10,000 troops were sent to the border"]) {
      const c = await approvedClaim(exact);
      await makeDue(c.id);
      await markDueClaims();
      ids.push(c.id);
    }
    const all = await listDueClaims(a.reviewer, {});
    expect(all.items.length).toBe(await countDueClaims(a.reviewer));
    const dueTimes = all.items.map((i) => i.dueSince);
    expect([...dueTimes].sort()).toEqual(dueTimes);
    // Paged one by one, the pages add up to the whole list, without repeats.
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listDueClaims(a.reviewer, { limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.items.map((i) => i.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect((await listDueClaims(a.reviewer, { verdict: "false" })).items).toEqual([]);
    expect((await listDueClaims(a.reviewer, { state: "in_recheck" })).items).toEqual([]);
    expect((await listDueClaims(a.reviewer, { articleId, state: "waiting" })).items.map((i) => i.id)).toEqual(
      expect.arrayContaining(ids),
    );
    await expect(listDueClaims(a.reviewer, { after: "garbage" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(listDueClaims(null, {})).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("re-checks through review: unchanged verdict recorded, the claim leaves the list with a new date", async () => {
    const claim = await approvedClaim("the library opened in 1901");
    await makeDue(claim.id);
    await markDueClaims();
    const due = await getClaim(a.editor, claim.id);
    const started = await startRecheck(a.editor, claim.id, { version: due.version, note: "Council archive still says 1901." });
    expect(started.status).toBe("in_review");
    expect((await listDueClaims(a.editor, { state: "in_recheck" })).items.map((i) => i.id)).toContain(claim.id);
    // The re-checker cannot approve their own re-check (four-eyes); another reviewer does.
    const approved = (await reviewClaim(a.reviewer2, claim.id, { version: started.version, decision: "approve" })).claim;
    expect(approved).toMatchObject({ status: "approved", recheckDueAt: null, lastRecheckOutcome: "unchanged" });
    expect(approved.lastRecheckedAt).not.toBeNull();
    expect(approved.recheckBy! > today).toBe(true);
    expect((await listDueClaims(a.editor, {})).items.map((i) => i.id)).not.toContain(claim.id);
    // The report says when it was last re-checked, and ClaimReview's dateModified follows.
    const report = await loadReport(a.editor, articleId, "public");
    const reportClaim = report.claims.find((c) => c.id === claim.id)!;
    expect(reportClaim.lastRecheckedAt).toBe(approved.lastRecheckedAt);
    const review = buildClaimReviews(report).find((r) => r.url.endsWith(claim.id))!;
    expect(review.dateModified).toBe(approved.lastRecheckedAt);
    expect(renderHtml(report)).toContain(`Last re-checked on`);
    await expect(startRecheck(a.editor, claim.id, { version: approved.version, note: "again" })).rejects.toMatchObject({
      code: "unprocessable",
    });
  });

  it("records a correction when the re-check changes the verdict", async () => {
    const claim = await approvedClaim("10,000 troops were sent to the border");
    await makeDue(claim.id);
    await markDueClaims();
    const due = await getClaim(a.editor, claim.id);
    const edited = await updateClaim(a.editor, claim.id, {
      version: due.version,
      verdict: "misleading",
      rationale: "Now 12,000.",
    });
    expect(edited.status).toBe("in_review");
    const approved = (await reviewClaim(a.reviewer2, claim.id, { version: edited.version, decision: "approve" })).claim;
    expect(approved).toMatchObject({ verdict: "misleading", lastRecheckOutcome: "corrected", recheckDueAt: null });
  });

  it("lets only admins change the desk's re-check periods, with 409 on a stale version", async () => {
    const s = await getDeskSettings(a.admin);
    await expect(updateDeskSettings(a.editor, { ...s, recheckDays: 90 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateDeskSettings(a.admin, { ...s, recheckDays: 0 })).rejects.toMatchObject({ code: "validation_failed" });
    const saved = await updateDeskSettings(a.admin, { ...s, recheckDays: 90, recheckMovingDays: 14 });
    expect(saved).toMatchObject({ recheckDays: 90, recheckMovingDays: 14, version: s.version + 1 });
    await expect(updateDeskSettings(a.admin, { ...s, recheckDays: 60 })).rejects.toMatchObject({ code: "conflict" });
    const next = await approvedClaim("the museum has 200 rooms");
    expect(next.recheckBy).toBe(addDays(new Date(), 90));
  });
});
