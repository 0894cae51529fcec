import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { searchDesk } from "../../lib/search/search-desk";
import { assignClaim } from "../../lib/workflow/assign-claim";
import { countWaiting } from "../../lib/workflow/list-queue";
import { getMyWork, MY_WORK_COUNT_CAP, type MyWork, type MyWorkGroupKey } from "../../lib/workflow/my-work";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();

type Actors = Awaited<ReturnType<typeof createActors>>;

async function readyClaim(editor: Actor, articleId: string, exact: string) {
  const created = await createClaim(editor, articleId, { exact });
  const edited = await updateClaim(editor, created.id, { version: created.version, verdict: "false", rationale: "Checked." });
  return (await addSource(editor, created.id, { url: "https://example.org/s", title: "S", claimVersion: edited.version })).claim;
}

const group = (work: MyWork, key: MyWorkGroupKey) => work.editor!.groups.find((g) => g.key === key)!;
const counts = (work: MyWork) => Object.fromEntries(work.editor!.groups.map((g) => [g.key, g.count]));

describe("My work", () => {
  let a: Actors;
  let sentences: string[];
  let body: string;
  let articleId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    a = await createActors();
    sentences = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} says the budget grew by ${i + 10} percent.`);
    body = sentences.join("\n\n");
    articleId = (await createArticle(a.editor, { title: "My work article", body })).id;
    // Eight drafts (more than a page of five), two in review, one sent back, one approved.
    for (let i = 0; i < 8; i++) ids[`draft${i}`] = (await createClaim(a.editor, articleId, { exact: sentences[i]! })).id;
    for (const [name, i] of [
      ["review1", 8],
      ["review2", 9],
      ["sentBack", 10],
      ["approved", 11],
    ] as const) {
      const c = await readyClaim(a.editor, articleId, sentences[i]!);
      const submitted = await submitClaim(a.editor, c.id, { version: c.version });
      ids[name] = c.id;
      if (name === "sentBack")
        await reviewClaim(a.reviewer, c.id, { version: submitted.version, decision: "request_changes", reason: "Which year?" });
      if (name === "approved") await reviewClaim(a.reviewer, c.id, { version: submitted.version, decision: "approve" });
    }
    await assignClaim(a.reviewer, ids.review1!, { reviewerId: a.reviewer2.id });
    // Someone else's claim: never in this editor's groups.
    const other = await createArticle(a.editor2, { title: "Not mine", body: "The mayor said rents rose 9 percent." });
    await createClaim(a.editor2, other.id, { exact: "rents rose 9 percent" });
  });

  it("counts an editor's own claims per state and shows the latest five of each, newest change first", async () => {
    const work = await getMyWork(a.editor);
    expect(work.reviewer).toBeNull();
    expect(counts(work)).toEqual({ draft: 8, in_review: 2, changes_requested: 1, approved: 1, text_changed: 0 });
    const drafts = group(work, "draft");
    expect(drafts.latest.map((c) => c.claimId)).toEqual([ids.draft7, ids.draft6, ids.draft5, ids.draft4, ids.draft3]);
    expect(group(work, "changes_requested").latest[0]).toMatchObject({ claimId: ids.sentBack, statusReason: "Which year?" });
    expect((await getMyWork(a.editor, { limit: 2 })).editor!.groups.every((g) => g.latest.length <= 2)).toBe(true);
    await expect(getMyWork(a.editor, { limit: 1000 })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("links each state to the full list in Search, which finds exactly those claims", async () => {
    const drafts = group(await getMyWork(a.editor), "draft");
    const params = Object.fromEntries(new URL(drafts.listHref!, "http://x").searchParams);
    expect(params).toEqual({ kind: "claims", status: "draft", editor: a.editor.id });
    const found = await searchDesk(a.editor, { ...params, limit: 50 } as never);
    expect(found.claims.results.map((r) => r.claim.id).sort()).toEqual(
      Object.entries(ids)
        .filter(([k]) => k.startsWith("draft"))
        .map(([, v]) => v)
        .sort(),
    );
  });

  it("a correction that changes claims' text puts them under 'text changed' too", async () => {
    await createRevision(a.editor2, articleId, {
      body: body.replace("grew by 10 percent", "grew by 10.5 percent").replace("grew by 21 percent", "grew by 21.5 percent"),
    });
    const work = await getMyWork(a.editor);
    const changed = group(work, "text_changed");
    expect(changed.count).toBe(2);
    expect(changed.latest.map((c) => c.claimId).sort()).toEqual([ids.draft0, ids.approved].sort());
    expect(changed.listHref).toBeNull();
    // The approved claim went back to review; the status counts follow.
    expect(counts(work)).toMatchObject({ draft: 8, in_review: 3, approved: 0 });
  });

  it("a reviewer sees the queue's counters and what is assigned to them; an admin sees both", async () => {
    const r2 = await getMyWork(a.reviewer2);
    expect(r2.editor).toBeNull();
    expect(r2.reviewer).toMatchObject({
      ...(await countWaiting(a.reviewer2)),
      assignedToMe: 1,
      assignedHref: "/queue?assigned=me",
    });
    expect(r2.reviewer!.assigned.map((c) => c.claimId)).toEqual([ids.review1]);
    expect((await getMyWork(a.reviewer)).reviewer!.assigned).toEqual([]);
    const admin = await getMyWork(a.admin);
    expect(admin.editor && admin.reviewer).toBeTruthy();
    expect(counts(admin)).toEqual({ draft: 0, in_review: 0, changes_requested: 0, approved: 0, text_changed: 0 });
  });

  it("counts stop at the cap, so a very busy editor's home costs what anyone's does", async () => {
    const [mine] = (await getMyWork(a.editor2)).editor!.groups.filter((g) => g.key === "draft").map((g) => g.latest);
    const claimId = mine![0]!.claimId;
    await db.handle().db.execute(
      sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, created_by, updated_by)
          select article_id, exact, start_cp, end_cp, anchor_revision_id, statement, created_by, updated_by
          from claims, generate_series(1, ${MY_WORK_COUNT_CAP + 4}) where id = ${claimId}`,
    );
    const drafts = group(await getMyWork(a.editor2), "draft");
    expect(drafts).toMatchObject({ count: MY_WORK_COUNT_CAP, more: true });
    expect(drafts.latest).toHaveLength(5);
    expect(group(await getMyWork(a.editor), "draft")).toMatchObject({ count: 8, more: false });
  });

  it("needs a signed-in user", async () => {
    const err = await getMyWork(null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unauthorized");
  });
});
