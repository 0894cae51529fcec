import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, claims, comments, reviews } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import type { ClaimView } from "../../lib/claims/claim-view";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { removeSource } from "../../lib/claims/remove-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { assignClaim } from "../../lib/workflow/assign-claim";
import { getClaimHistory } from "../../lib/workflow/claim-history";
import { addComment } from "../../lib/workflow/add-comment";
import { editComment } from "../../lib/workflow/edit-comment";
import { listComments } from "../../lib/workflow/list-comments";
import { countWaiting, listMyChangesRequested, listReviewQueue, type QueueItem } from "../../lib/workflow/list-queue";
import { FOUR_EYES_MESSAGE, reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { withdrawClaim } from "../../lib/workflow/withdraw-claim";
import { useTestDatabase } from "../support/db";
import { createActors, dbError } from "../support/fixtures";

const db = useTestDatabase();
const h = () => db.handle().db;

type Actors = Awaited<ReturnType<typeof createActors>>;

async function appError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error(`expected AppError ${code}, got success`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  expect(err.code, err.message).toBe(code);
  return err;
}

let seq = 0;
/** A fresh article whose text holds `count` distinct sentences, one per claim. */
async function newArticle(actor: Actor, count = 3, title = `Article ${++seq}`) {
  const sentences = Array.from(
    { length: count },
    (_, i) => `Sentence number ${i + 1} of ${title} says it rose by ${i + 2} percent.`,
  );
  const article = await createArticle(actor, { title, body: sentences.join("\n\n") });
  return { article, sentences };
}

/** A claim with a verdict, a note and a source: ready to submit. */
async function readyClaim(
  editor: Actor,
  articleId: string,
  exact: string,
  verdict: "false" | "verified" | "misleading" = "false",
) {
  const created = await createClaim(editor, articleId, { exact });
  const edited = await updateClaim(editor, created.id, {
    version: created.version,
    verdict,
    rationale: "Compared with the Eurostat table.",
  });
  const { claim } = await addSource(editor, created.id, {
    url: "https://ec.europa.eu/eurostat",
    title: "Eurostat",
    claimVersion: edited.version,
  });
  return claim;
}

async function inReview(a: Actors, articleId: string, exact: string, verdict: "false" | "verified" | "misleading" = "false") {
  const claim = await readyClaim(a.editor, articleId, exact, verdict);
  return submitClaim(a.editor, claim.id, { version: claim.version });
}

async function claimRow(id: string) {
  const [row] = await h()
    .select()
    .from(claims)
    .where(sql`id = ${id}`);
  return row!;
}

async function auditRows(claimId: string, action?: string) {
  return h()
    .select()
    .from(auditEvents)
    .where(
      action ? sql`target_id = ${claimId} and action = ${action}` : sql`target_id = ${claimId} and action <> 'access.denied'`,
    )
    .orderBy(auditEvents.id);
}

async function reviewRows(claimId: string) {
  return h()
    .select()
    .from(reviews)
    .where(sql`claim_id = ${claimId}`)
    .orderBy(reviews.claimVersion);
}

/** Everything a refused call must leave untouched. */
async function snapshot(claimId: string) {
  return {
    claim: await claimRow(claimId),
    audit: (await auditRows(claimId)).length,
    reviews: (await reviewRows(claimId)).length,
    comments: (
      await h()
        .select()
        .from(comments)
        .where(sql`claim_id = ${claimId}`)
    ).length,
  };
}

describe("submit and withdraw", () => {
  let a: Actors;
  let articleId: string;
  let sentences: string[];
  beforeAll(async () => {
    a = await createActors("submit");
    ({
      article: { id: articleId },
      sentences,
    } = await newArticle(a.editor, 6));
  });

  it("submits a complete draft: in review, new version, submission time, audit row", async () => {
    const claim = await readyClaim(a.editor, articleId, sentences[0]!);
    expect(claim.status).toBe("draft");
    const submitted = await submitClaim(a.editor, claim.id, { version: claim.version });
    expect(submitted).toMatchObject({ status: "in_review", version: claim.version + 1, statusReason: null });
    expect(Date.now() - Date.parse(submitted.submittedAt!)).toBeLessThan(60_000);
    const audit = await auditRows(claim.id, "claim.submit");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: a.editor.id,
      before: { status: "draft", version: claim.version },
      after: { status: "in_review", version: claim.version + 1 },
    });
  });

  it("refuses an incomplete claim with 422 naming each missing piece, and changes nothing", async () => {
    const claim = await createClaim(a.editor, articleId, { exact: sentences[1]! });
    const before = await snapshot(claim.id);
    const err = await appError(submitClaim(a.editor, claim.id, { version: claim.version }), "unprocessable");
    expect(err.status).toBe(422);
    expect(err.fields).toEqual({
      verdict: "Choose a verdict other than Unverified.",
      rationale: 'Write the "how we checked" note.',
      sources: "Add at least one source.",
    });
    expect(await snapshot(claim.id)).toEqual(before);

    // Only what is still missing is named.
    const v2 = await updateClaim(a.editor, claim.id, { version: claim.version, verdict: "misleading" });
    const err2 = await appError(submitClaim(a.editor, claim.id, { version: v2.version }), "unprocessable");
    expect(Object.keys(err2.fields!)).toEqual(["rationale", "sources"]);
  });

  it("refuses a stale version with 409 and the claim as it is now", async () => {
    const claim = await readyClaim(a.editor, articleId, sentences[2]!);
    const before = await snapshot(claim.id);
    const err = await appError(submitClaim(a.editor, claim.id, { version: claim.version - 1 }), "conflict");
    expect(err.status).toBe(409);
    expect((err.details!.current as ClaimView).version).toBe(claim.version);
    expect(await snapshot(claim.id)).toEqual(before);
  });

  it("refuses to submit twice (409 naming the state) and lets the editor withdraw", async () => {
    const submitted = await inReview(a, articleId, sentences[3]!);
    const before = await snapshot(submitted.id);
    const err = await appError(submitClaim(a.editor, submitted.id, { version: submitted.version }), "conflict");
    expect(err.message).toBe("This claim is already in review.");
    expect(err.details).toMatchObject({ refused: { status: "in_review", event: "submit" } });
    expect(await snapshot(submitted.id)).toEqual(before);

    const withdrawn = await withdrawClaim(a.editor2, submitted.id, { version: submitted.version });
    expect(withdrawn).toMatchObject({ status: "draft", version: submitted.version + 1, submittedAt: null });
    expect(await auditRows(submitted.id, "claim.withdraw")).toHaveLength(1);
    // A draft is not in review: withdrawing again is refused.
    const again = await appError(withdrawClaim(a.editor, submitted.id, { version: withdrawn.version }), "conflict");
    expect(again.message).toMatch(/draft/);
    // And it can go back in.
    expect((await submitClaim(a.editor, submitted.id, { version: withdrawn.version })).status).toBe("in_review");
  });

  it("refuses by role (403), anonymous users (401), unknown ids (404) and extra fields (422)", async () => {
    const claim = await readyClaim(a.editor, articleId, sentences[4]!);
    const before = await snapshot(claim.id);
    await appError(submitClaim(a.reviewer, claim.id, { version: claim.version }), "forbidden");
    await appError(withdrawClaim(a.reviewer, claim.id, { version: claim.version }), "forbidden");
    await appError(submitClaim(null, claim.id, { version: claim.version }), "unauthorized");
    await appError(submitClaim(a.editor, "00000000-0000-4000-8000-000000000000", { version: 1 }), "not_found");
    await appError(submitClaim(a.editor, "not-a-uuid", { version: 1 }), "not_found");
    const extra = await appError(
      submitClaim(a.editor, claim.id, { version: claim.version, status: "approved" } as never),
      "validation_failed",
    );
    expect(extra.fields).toEqual({ status: "This field is not accepted." });
    const noVersion = await appError(submitClaim(a.editor, claim.id, {} as never), "validation_failed");
    expect(Object.keys(noVersion.fields!)).toEqual(["version"]);
    expect(await snapshot(claim.id)).toEqual(before);
    const denied = await h()
      .select()
      .from(auditEvents)
      .where(sql`target_id = ${claim.id} and action = 'access.denied'`);
    expect(denied.length).toBe(2);
  });
});

describe("review decisions", () => {
  let a: Actors;
  let articleId: string;
  let sentences: string[];
  beforeAll(async () => {
    a = await createActors("review");
    ({
      article: { id: articleId },
      sentences,
    } = await newArticle(a.editor, 8));
  });

  it("approves the reviewed version: approved, pinned, four-eyes list reset, one review and one audit row", async () => {
    const claim = await inReview(a, articleId, sentences[0]!);
    const { claim: approved, review } = await reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" });
    expect(approved).toMatchObject({
      status: "approved",
      version: claim.version + 1,
      approvedVersion: claim.version + 1,
      approvedBy: a.reviewer.id,
      editorsSinceApproval: [],
      statusReason: null,
    });
    expect(review).toMatchObject({
      claimVersion: claim.version,
      decision: "approve",
      verdict: "false",
      approvedText: sentences[0],
      reviewer: { id: a.reviewer.id, name: a.reviewer.name },
    });
    expect(await reviewRows(claim.id)).toHaveLength(1);
    const audit = await auditRows(claim.id, "claim.approve");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ status: "approved", version: claim.version + 1, verdict: "false" });
    // The same version cannot be decided on twice.
    await appError(reviewClaim(a.reviewer2, claim.id, { version: claim.version, decision: "approve" }), "conflict");
    const err = await appError(
      reviewClaim(a.reviewer2, claim.id, { version: approved.version, decision: "approve" }),
      "conflict",
    );
    expect(err.message).toBe("This claim is already approved.");
  });

  it("requests changes with a reason; the editor sees it, resubmits, and the reason is cleared", async () => {
    const claim = await inReview(a, articleId, sentences[1]!);
    const before = await snapshot(claim.id);
    const missing = await appError(
      reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "request_changes" }),
      "validation_failed",
    );
    expect(missing.fields).toEqual({ reason: "Say what needs to change." });
    await appError(
      reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "request_changes", reason: "   " }),
      "validation_failed",
    );
    expect(await snapshot(claim.id)).toEqual(before);

    const reason = "Cite the 2024 budget, not the 2023 one.";
    const { claim: sentBack, review } = await reviewClaim(a.reviewer, claim.id, {
      version: claim.version,
      decision: "request_changes",
      reason,
    });
    expect(sentBack).toMatchObject({
      status: "changes_requested",
      statusReason: reason,
      version: claim.version + 1,
      approvedBy: null,
    });
    expect(review).toMatchObject({ decision: "request_changes", reason, claimVersion: claim.version, approvedText: null });
    expect((await auditRows(claim.id, "claim.request_changes"))[0]!.after).toMatchObject({ reason });

    const mine = await listMyChangesRequested(a.editor);
    expect(mine.find((m) => m.claimId === claim.id)).toMatchObject({
      reason,
      requestedBy: { id: a.reviewer.id, name: a.reviewer.name },
      version: sentBack.version,
      article: { id: articleId },
      statusReason: null,
    });
    expect(await listMyChangesRequested(a.editor2)).toEqual([]);
    await appError(listMyChangesRequested(a.reviewer), "forbidden");

    // Not in review any more: no decision, no withdrawal.
    await appError(reviewClaim(a.reviewer, claim.id, { version: sentBack.version, decision: "approve" }), "conflict");
    await appError(withdrawClaim(a.editor, claim.id, { version: sentBack.version }), "conflict");

    // Resubmitting needs a change (issue 9, bug 15): the editor answers the request first.
    const revised = await updateClaim(a.editor, claim.id, { version: sentBack.version, rationale: "Checked again, as asked." });
    const resubmitted = await submitClaim(a.editor, claim.id, { version: revised.version });
    expect(resubmitted).toMatchObject({ status: "in_review", statusReason: null });
    expect((await listMyChangesRequested(a.editor)).some((m) => m.claimId === claim.id)).toBe(false);
    const { claim: approved } = await reviewClaim(a.reviewer, claim.id, { version: resubmitted.version, decision: "approve" });
    expect(approved.status).toBe("approved");
    expect((await reviewRows(claim.id)).map((r) => r.decision)).toEqual(["request_changes", "approve"]);
  });

  it("refuses a stale version, the wrong role, anonymous users and unknown fields, changing nothing", async () => {
    const claim = await inReview(a, articleId, sentences[2]!);
    const before = await snapshot(claim.id);
    const stale = await appError(
      reviewClaim(a.reviewer, claim.id, { version: claim.version - 1, decision: "approve" }),
      "conflict",
    );
    expect((stale.details!.current as ClaimView).version).toBe(claim.version);
    await appError(reviewClaim(a.editor2, claim.id, { version: claim.version, decision: "approve" }), "forbidden");
    await appError(reviewClaim(null, claim.id, { version: claim.version, decision: "approve" }), "unauthorized");
    await appError(
      reviewClaim(a.reviewer, "00000000-0000-4000-8000-000000000000", { version: 1, decision: "approve" }),
      "not_found",
    );
    const bad = await appError(
      reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve", approvedBy: a.reviewer.id } as never),
      "validation_failed",
    );
    expect(bad.fields).toEqual({ approvedBy: "This field is not accepted." });
    const badDecision = await appError(
      reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "yes" } as never),
      "validation_failed",
    );
    expect(Object.keys(badDecision.fields!)).toEqual(["decision"]);
    expect(await snapshot(claim.id)).toEqual(before);
  });

  it("answers 409, not 500, when a decision on this version already sits in the reviews table", async () => {
    const claim = await inReview(a, articleId, sentences[4]!);
    // A decision written past the use case (as a second app instance without the row lock would).
    await h().execute(
      sql`insert into reviews (claim_id, claim_version, reviewer_id, decision, reason, verdict) values (${claim.id}, ${claim.version}, ${a.reviewer2.id}, 'request_changes', 'Elsewhere', 'false')`,
    );
    const before = await snapshot(claim.id);
    const err = await appError(reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" }), "conflict");
    expect(err.message).toMatch(/already decided/);
    expect((err.details!.current as ClaimView).status).toBe("in_review");
    expect(await snapshot(claim.id)).toEqual(before);
  });

  it("refuses to approve a claim that lost its source while in review (422)", async () => {
    const claim = await inReview(a, articleId, sentences[3]!);
    const sourceId = claim.sources![0]!.id;
    const { claim: edited } = await removeSource(a.editor, claim.id, sourceId, { claimVersion: claim.version });
    expect(edited.status).toBe("in_review");
    const before = await snapshot(claim.id);
    const err = await appError(
      reviewClaim(a.reviewer, claim.id, { version: edited.version, decision: "approve" }),
      "unprocessable",
    );
    expect(Object.keys(err.fields!)).toEqual(["sources"]);
    expect(await snapshot(claim.id)).toEqual(before);
  });
});

describe("four-eyes rule", () => {
  let a: Actors;
  let articleId: string;
  let sentences: string[];
  beforeAll(async () => {
    a = await createActors("eyes");
    ({
      article: { id: articleId },
      sentences,
    } = await newArticle(a.editor, 8));
  });

  it("the review use case refuses the creator (403), logs the refusal and changes nothing", async () => {
    const claim = await readyClaim(a.admin, articleId, sentences[0]!);
    const submitted = await submitClaim(a.admin, claim.id, { version: claim.version });
    const before = await snapshot(claim.id);
    const err = await appError(reviewClaim(a.admin, claim.id, { version: submitted.version, decision: "approve" }), "forbidden");
    expect(err.status).toBe(403);
    expect(err.message).toBe(FOUR_EYES_MESSAGE);
    expect(await snapshot(claim.id)).toEqual(before);
    const denied = await h()
      .select()
      .from(auditEvents)
      .where(sql`target_id = ${claim.id} and action = 'access.denied'`);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.meta).toMatchObject({ reason: "four-eyes" });
    // The creator may still ask for changes; a colleague may approve.
    const { claim: approved } = await reviewClaim(a.reviewer, claim.id, { version: submitted.version, decision: "approve" });
    expect(approved.status).toBe("approved");
  });

  it("refuses whoever edited the verdict, statement, rationale or sources since the last approval", async () => {
    const claim = await inReview(a, articleId, sentences[1]!);
    // The admin edits only a source: that is enough to bar them.
    const { claim: edited } = await addSource(a.admin, claim.id, {
      url: "https://example.org/report",
      title: "Report",
      claimVersion: claim.version,
    });
    expect(edited.editorsSinceApproval).toContain(a.admin.id);
    const before = await snapshot(claim.id);
    await appError(reviewClaim(a.admin, claim.id, { version: edited.version, decision: "approve" }), "forbidden");
    expect(await snapshot(claim.id)).toEqual(before);
    await reviewClaim(a.reviewer, claim.id, { version: edited.version, decision: "approve" });

    // The approval starts a new period: an edit after it bars only the new editor.
    const after = await claimRow(claim.id);
    const reedited = await updateClaim(a.editor2, claim.id, {
      version: after.version,
      rationale: "Also checked the OECD series.",
    });
    expect(reedited).toMatchObject({ status: "in_review", editorsSinceApproval: [a.editor2.id] });
    const { claim: again } = await reviewClaim(a.admin, claim.id, { version: reedited.version, decision: "approve" });
    expect(again.approvedBy).toBe(a.admin.id);
  });

  it("the database refuses a direct INSERT of an approving review by the creator or an editor (FC001)", async () => {
    const claim = await inReview(a, articleId, sentences[2]!);
    await updateClaim(a.editor2, claim.id, { version: claim.version, statement: "Spending rose by four percent." });
    const row = await claimRow(claim.id);
    const insert = (reviewerId: string) =>
      h().execute(
        sql`insert into reviews (claim_id, claim_version, reviewer_id, decision, verdict) values (${claim.id}, ${row.version}, ${reviewerId}, 'approve', 'false')`,
      );
    for (const barred of [a.editor.id, a.editor2.id]) {
      const err = await dbError(insert(barred));
      expect(err.code).toBe("FC001");
      expect(err.message).toMatch(/four-eyes/);
    }
    expect(await reviewRows(claim.id)).toHaveLength(0);
    // The same statement by someone who did not touch the claim goes through: the trigger, not the
    // statement, is what refused the others.
    await insert(a.reviewer.id);
    expect(await reviewRows(claim.id)).toHaveLength(1);
  });

  it("the database refuses a direct UPDATE of a claim to approved by the creator or an editor (FC001)", async () => {
    const claim = await inReview(a, articleId, sentences[3]!);
    await updateClaim(a.editor2, claim.id, { version: claim.version, verdict: "misleading" });
    const approveAs = (userId: string) =>
      h().execute(
        sql`update claims set status = 'approved', approved_by = ${userId}, approved_at = now(), approved_version = version where id = ${claim.id}`,
      );
    for (const barred of [a.editor.id, a.editor2.id]) {
      const err = await dbError(approveAs(barred));
      expect(err.code).toBe("FC001");
    }
    expect((await claimRow(claim.id)).status).toBe("in_review");
    await approveAs(a.reviewer.id);
    expect((await claimRow(claim.id)).status).toBe("approved");
  });

  it("the database judges an approval by the row as it was: emptying the barred list with it, or first, is refused", async () => {
    const claim = await inReview(a, articleId, sentences[4]!);
    await updateClaim(a.editor2, claim.id, { version: claim.version, verdict: "misleading" });
    const approveAndEmpty = (userId: string, extra = sql``) =>
      h().execute(
        sql`update claims set status = 'approved', approved_by = ${userId}, approved_at = now(), approved_version = version,
            editors_since_approval = '{}' ${extra} where id = ${claim.id}`,
      );
    // One statement that approves as a barred editor and empties the list the trigger would read.
    expect((await dbError(approveAndEmpty(a.editor2.id))).code).toBe("FC001");
    // The creator, even when the same statement names someone else as creator.
    expect((await dbError(approveAndEmpty(a.editor.id, sql`, created_by = ${a.reviewer.id}`))).code).toBe("FC001");
    // Emptying (or shrinking) the list on its own, to approve in a second statement.
    expect((await dbError(h().execute(sql`update claims set editors_since_approval = '{}' where id = ${claim.id}`))).code).toBe(
      "FC001",
    );
    expect(
      (
        await dbError(
          h().execute(
            sql`update claims set editors_since_approval = array_remove(editors_since_approval, ${a.editor2.id}::uuid) where id = ${claim.id}`,
          ),
        )
      ).code,
    ).toBe("FC001");
    const row = await claimRow(claim.id);
    expect(row.status).toBe("in_review");
    expect(row.editorsSinceApproval).toContain(a.editor2.id);
    // Adding an editor is fine, and so is the approval by someone who did not touch the claim.
    await h().execute(
      sql`update claims set editors_since_approval = editors_since_approval || ${a.admin.id}::uuid where id = ${claim.id}`,
    );
    await approveAndEmpty(a.reviewer.id);
    expect(await claimRow(claim.id)).toMatchObject({ status: "approved", approvedBy: a.reviewer.id, editorsSinceApproval: [] });
  });
});

describe("concurrent approvals", () => {
  it("100 simultaneous approvals of one version: 1 lands, 99 get 409, one review row, one audit row", async () => {
    const a = await createActors("race");
    const { article, sentences } = await newArticle(a.editor, 1);
    const claim = await inReview(a, article.id, sentences[0]!);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(99);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe("conflict");
      expect((r.reason as AppError).message).toMatch(/decided on since you opened it/);
    }
    expect(await reviewRows(claim.id)).toHaveLength(1);
    expect(await auditRows(claim.id, "claim.approve")).toHaveLength(1);
    expect(await claimRow(claim.id)).toMatchObject({ status: "approved", version: claim.version + 1, approvedBy: a.reviewer.id });
  });
});

describe("audit trail", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    const a = await createActors("append");
    const { article, sentences } = await newArticle(a.editor, 1);
    const claim = await inReview(a, article.id, sentences[0]!);
    const before = await auditRows(claim.id);
    expect(before.map((r) => r.action)).toEqual(["claim.create", "claim.update", "source.add", "claim.submit"]);
    for (const statement of [
      sql`update audit_events set action = 'claim.approve' where target_id = ${claim.id}`,
      sql`delete from audit_events where target_id = ${claim.id}`,
      sql`truncate audit_events`,
    ]) {
      expect((await dbError(h().execute(statement))).code).toBe("FC002");
    }
    expect(await auditRows(claim.id)).toEqual(before);
  });
});

describe("back to review", () => {
  let a: Actors;
  beforeAll(async () => {
    a = await createActors("back");
  });

  it("an edit of an approved claim sends it back to review with a reason; the approval stays in its history", async () => {
    const { article, sentences } = await newArticle(a.editor, 1);
    const claim = await inReview(a, article.id, sentences[0]!);
    const { claim: approved } = await reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" });
    const edited = await updateClaim(a.editor, claim.id, { version: approved.version, verdict: "misleading" });
    expect(edited).toMatchObject({
      status: "in_review",
      approvedBy: null,
      approvedVersion: null,
      editorsSinceApproval: [a.editor.id],
    });
    expect(edited.statusReason).toMatch(/after approval/);
    const kept = await reviewRows(claim.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ decision: "approve", claimVersion: claim.version, verdict: "false" });
    // The old approval cannot be replayed onto the new version.
    await appError(reviewClaim(a.reviewer, claim.id, { version: approved.version, decision: "approve" }), "conflict");
    const queue = await listReviewQueue(a.reviewer, { article: article.id });
    expect(queue.items.map((i) => [i.claimId, i.textChanged])).toEqual([[claim.id, true]]);
    const { review } = await reviewClaim(a.reviewer, claim.id, { version: edited.version, decision: "approve" });
    expect(review.verdict).toBe("misleading");
    expect((await reviewRows(claim.id)).map((r) => r.verdict)).toEqual(["false", "misleading"]);
  });

  it("a revision that changes the claim's text sends an approved claim back to review", async () => {
    const body = "The minister said defence spending rose by 2 percent last year.\n\nOther news followed.";
    const article = await createArticle(a.editor, { title: "Revision test", body });
    const claim = await readyClaim(a.editor, article.id, "defence spending rose by 2 percent");
    const submitted = await submitClaim(a.editor, claim.id, { version: claim.version });
    const { claim: approved } = await reviewClaim(a.reviewer, claim.id, { version: submitted.version, decision: "approve" });

    const result = await createRevision(a.editor, article.id, { body: body.replace("2 percent", "3 percent") });
    const outcome = result.claims.find((c) => c.id === claim.id)!;
    expect(outcome.anchorState).toBe("changed");
    expect(outcome.backToReview).toBe(true);
    const row = await claimRow(claim.id);
    expect(row).toMatchObject({ status: "in_review", approvedBy: null, anchorState: "changed" });
    expect(row.version).toBeGreaterThan(approved.version);
    expect(row.statusReason).toMatch(/changed in revision 2/);
    expect(await reviewRows(claim.id)).toHaveLength(1);
    const [item] = (await listReviewQueue(a.reviewer, { article: article.id })).items;
    expect(item).toMatchObject({ claimId: claim.id, textChanged: true, anchorState: "changed" });
    const history = await getClaimHistory(a.reviewer, claim.id);
    expect(history.items.at(-1)!.text).toMatch(
      /^editor back saved revision 2: Text changed: the text under the claim now reads “.*3 percent.*”; the claim went back to review, /,
    );
  });
});

describe("approving claims whose text is gone", () => {
  let a: Actors;
  beforeAll(async () => {
    a = await createActors("gone");
  });

  it("refuses to approve an orphaned claim until the editor re-attaches it", async () => {
    const body = "Unemployment fell to 4.1 percent in March.\n\nThe council approved the budget.";
    const article = await createArticle(a.editor, { title: "Orphan approval", body });
    const claim = await readyClaim(a.editor, article.id, "Unemployment fell to 4.1 percent in March");
    const submitted = await submitClaim(a.editor, claim.id, { version: claim.version });
    await createRevision(a.editor, article.id, { body: "The council approved the budget." });
    const orphan = await claimRow(claim.id);
    expect(orphan).toMatchObject({ status: "in_review", anchorState: "orphaned" });
    const err = await reviewClaim(a.reviewer, claim.id, { version: orphan.version, decision: "approve" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(422);
    expect(err.fields).toHaveProperty("anchor");
    expect(await reviewRows(claim.id)).toHaveLength(0);
    // Requesting changes stays possible: it sends the claim back to the editor.
    const { claim: back } = await reviewClaim(a.reviewer, claim.id, {
      version: orphan.version,
      decision: "request_changes",
      reason: "The sentence was removed; re-attach or withdraw.",
    });
    expect(back.status).toBe("changes_requested");
    expect(submitted.version).toBeLessThan(back.version);
  });
});

describe("review queue", () => {
  let a: Actors;
  let articleA: string;
  let articleB: string;
  const queued: ClaimView[] = [];

  beforeAll(async () => {
    a = await createActors("queue");
    const first = await newArticle(a.editor, 15, "Queue A");
    const second = await newArticle(a.editor2, 15, "Queue B");
    articleA = first.article.id;
    articleB = second.article.id;
    for (let i = 0; i < 15; i++) {
      queued.push(await inReview(a, articleA, first.sentences[i]!, i % 3 === 0 ? "verified" : "false"));
      const editor2: Actors = { ...a, editor: a.editor2 };
      queued.push(await inReview(editor2, articleB, second.sentences[i]!, i % 2 === 0 ? "misleading" : "false"));
    }
    // Ties on the submission time (to the microsecond) must be broken by id, not skipped.
    const tied = queued.slice(10, 16).map((c) => c.id);
    await h().execute(
      sql`update claims set submitted_at = '2020-01-01 00:00:00.123456+00' where id in (${sql.join(
        tied.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  });

  async function allPages(query: Record<string, string>, limit: number): Promise<QueueItem[]> {
    const items: QueueItem[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await listReviewQueue(a.reviewer, { ...query, limit: String(limit), ...(after ? { after } : {}) } as never);
      expect(result.items.length).toBeLessThanOrEqual(limit);
      items.push(...result.items);
      if (!result.next) return items;
      expect(result.items).toHaveLength(limit);
      after = result.next;
    }
    throw new Error("pagination did not end");
  }

  it("pages through every claim in review, oldest submission first, with no duplicate and no gap", async () => {
    const expected = (await h().execute(
      sql`select id from claims where status = 'in_review' order by submitted_at, id`,
    )) as unknown as { id: string }[] | { rows: { id: string }[] };
    const expectedIds = (Array.isArray(expected) ? expected : expected.rows).map((r) => r.id);
    expect(expectedIds.length).toBeGreaterThanOrEqual(30);
    const items = await allPages({}, 7);
    const ids = items.map((i) => i.claimId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expectedIds);
    const times = items.map((i) => Date.parse(i.submittedAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    // The six tied claims come first (they were pushed to 2020) and in id order.
    const tied = queued
      .slice(10, 16)
      .map((c) => c.id)
      .sort();
    expect(ids.slice(0, 6)).toEqual(tied);
  });

  it("describes each claim for the reviewer", async () => {
    const { items } = await listReviewQueue(a.reviewer, { article: articleB, limit: 1 } as never);
    const item = items[0]!;
    const claim = queued.find((c) => c.id === item.claimId)!;
    expect(item).toMatchObject({
      version: claim.version,
      article: { id: articleB, title: "Queue B" },
      statement: claim.statement,
      verdict: claim.verdict,
      editor: { id: a.editor2.id, name: a.editor2.name },
      assignedReviewer: null,
      textChanged: false,
      statusReason: null,
      canApprove: true,
    });
    expect(item.waitingSeconds).toBeGreaterThanOrEqual(0);
  });

  it("filters by article, verdict, editor and assignment, and pages within a filter", async () => {
    const byArticle = await allPages({ article: articleA }, 4);
    expect(byArticle.map((i) => i.claimId).sort()).toEqual(
      queued
        .filter((c) => c.articleId === articleA)
        .map((c) => c.id)
        .sort(),
    );
    const verified = await allPages({ verdict: "verified" }, 2);
    expect(verified.map((i) => i.claimId).sort()).toEqual(
      queued
        .filter((c) => c.verdict === "verified")
        .map((c) => c.id)
        .sort(),
    );
    expect(verified).toHaveLength(5);
    const byEditor = await allPages({ editor: a.editor2.id, verdict: "misleading" }, 3);
    expect(byEditor.map((i) => i.claimId).sort()).toEqual(
      queued
        .filter((c) => c.createdBy === a.editor2.id && c.verdict === "misleading")
        .map((c) => c.id)
        .sort(),
    );
    expect(byEditor).toHaveLength(8);

    expect((await listReviewQueue(a.reviewer, { assigned: "me" })).items).toEqual([]);
    const target = queued[20]!;
    await assignClaim(a.reviewer2, target.id, { reviewerId: a.reviewer.id });
    const mine = await listReviewQueue(a.reviewer, { assigned: "me" });
    expect(mine.items.map((i) => i.claimId)).toEqual([target.id]);
    expect(mine.items[0]!.assignedReviewer).toEqual({ id: a.reviewer.id, name: a.reviewer.name });
    expect(await countWaiting(a.reviewer)).toMatchObject({ assignedToMe: 1 });
  });

  it("counts the claims waiting for the reviewers' badge", async () => {
    const count = await countWaiting(a.admin);
    const [{ n } = { n: 0 }] = await h()
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(sql`status = 'in_review'`);
    expect(count.waiting).toBe(Number(n));
    expect(count.assignedToMe).toBe(0);
    const before = count.waiting;
    await withdrawClaim(a.editor, queued[0]!.id, { version: queued[0]!.version });
    expect((await countWaiting(a.reviewer)).waiting).toBe(before - 1);
    await appError(countWaiting(a.editor), "forbidden");
  });

  it("refuses bad queries with 422 and editors with 403", async () => {
    const bad = async (query: Record<string, unknown>, field: string) => {
      const err = await appError(listReviewQueue(a.reviewer, query as never), "validation_failed");
      expect(Object.keys(err.fields!)).toEqual([field]);
    };
    await bad({ after: "garbage" }, "after");
    await bad({ after: Buffer.from(JSON.stringify(["2020-01-01", "x"])).toString("base64url") }, "after");
    await bad({ limit: "0" }, "limit");
    await bad({ limit: "101" }, "limit");
    await bad({ limit: "ten" }, "limit");
    await bad({ verdict: "fake" }, "verdict");
    await bad({ article: "nope" }, "article");
    await bad({ assigned: "them" }, "assigned");
    await bad({ status: "approved" }, "status");
    await appError(listReviewQueue(a.editor, {}), "forbidden");
    await appError(listReviewQueue(null, {}), "unauthorized");
  });

  it("marks claims the reader may not approve", async () => {
    const { article, sentences } = await newArticle(a.admin, 1);
    const claim = await readyClaim(a.admin, article.id, sentences[0]!);
    await submitClaim(a.admin, claim.id, { version: claim.version });
    const [asAdmin] = (await listReviewQueue(a.admin, { article: article.id })).items;
    const [asReviewer] = (await listReviewQueue(a.reviewer, { article: article.id })).items;
    expect(asAdmin!.canApprove).toBe(false);
    expect(asReviewer!.canApprove).toBe(true);
  });

  it("bars whoever edited the claim, not only its creator, and answers timestamps to the millisecond", async () => {
    const { article, sentences } = await newArticle(a.editor, 1);
    const ready = await readyClaim(a.editor, article.id, sentences[0]!);
    // The admin edits a reviewed field: they joined the claim's editors (editors_since_approval).
    const edited = await updateClaim(a.admin, ready.id, { version: ready.version, rationale: "Checked against the ONS series." });
    const submitted = await submitClaim(a.editor, ready.id, { version: edited.version });
    const row = await claimRow(ready.id);
    expect(row.editorsSinceApproval).toEqual([a.editor.id, a.admin.id]);

    const [asAdmin] = (await listReviewQueue(a.admin, { article: article.id })).items;
    const [asReviewer] = (await listReviewQueue(a.reviewer, { article: article.id })).items;
    expect(asAdmin).toMatchObject({ claimId: ready.id, version: submitted.version, canApprove: false });
    expect(asReviewer!.canApprove).toBe(true);
    // The same instant the row holds, as Date#toISOString writes it (UTC, milliseconds, truncated).
    expect(asReviewer!.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(asReviewer!.submittedAt).toBe(row.submittedAt!.toISOString());
  });
});

describe("assignment", () => {
  it("assigns, reassigns and clears a reviewer, refusing users who cannot or may not approve", async () => {
    const a = await createActors("assign");
    const { article, sentences } = await newArticle(a.editor, 1);
    const claim = await inReview(a, article.id, sentences[0]!);
    const before = await snapshot(claim.id);
    const notReviewer = await appError(assignClaim(a.reviewer, claim.id, { reviewerId: a.editor2.id }), "validation_failed");
    expect(Object.keys(notReviewer.fields!)).toEqual(["reviewerId"]);
    await appError(
      assignClaim(a.reviewer, claim.id, { reviewerId: "00000000-0000-4000-8000-000000000000" }),
      "validation_failed",
    );
    await appError(assignClaim(a.reviewer, claim.id, { reviewerId: "nope" }), "validation_failed");
    await appError(assignClaim(a.reviewer, claim.id, {} as never), "validation_failed");
    await appError(assignClaim(a.editor, claim.id, { reviewerId: a.reviewer.id }), "forbidden");
    expect(await snapshot(claim.id)).toEqual(before);

    const assigned = await assignClaim(a.reviewer, claim.id, { reviewerId: a.reviewer2.id });
    expect(assigned).toMatchObject({ assignedReviewerId: a.reviewer2.id, version: claim.version });
    await assignClaim(a.admin, claim.id, { reviewerId: a.reviewer.id });
    const cleared = await assignClaim(a.reviewer, claim.id, { reviewerId: null });
    expect(cleared.assignedReviewerId).toBeNull();
    const audit = await auditRows(claim.id, "claim.assign");
    expect(audit.map((r) => [r.before, r.after])).toEqual([
      [
        { reviewerId: null, reviewerName: null },
        { reviewerId: a.reviewer2.id, reviewerName: a.reviewer2.name },
      ],
      [
        { reviewerId: a.reviewer2.id, reviewerName: a.reviewer2.name },
        { reviewerId: a.reviewer.id, reviewerName: a.reviewer.name },
      ],
      [
        { reviewerId: a.reviewer.id, reviewerName: a.reviewer.name },
        { reviewerId: null, reviewerName: null },
      ],
    ]);
    // Assigning what is already assigned changes nothing.
    await assignClaim(a.reviewer, claim.id, { reviewerId: null });
    expect(await auditRows(claim.id, "claim.assign")).toHaveLength(3);

    // An admin who edited the claim could not approve it, so they cannot be its reviewer.
    const { claim: edited } = await addSource(a.admin, claim.id, {
      url: "https://example.org/x",
      title: "X",
      claimVersion: claim.version,
    });
    const barred = await appError(assignClaim(a.reviewer, claim.id, { reviewerId: a.admin.id }), "validation_failed");
    expect(barred.fields!.reviewerId).toMatch(/created or edited/);
    expect((await claimRow(claim.id)).version).toBe(edited.version);
  });
});

describe("comments", () => {
  let a: Actors;
  let claimId: string;
  beforeAll(async () => {
    a = await createActors("comment");
    const { article, sentences } = await newArticle(a.editor, 1);
    claimId = (await createClaim(a.editor, article.id, { exact: sentences[0]! })).id;
  });

  it("keeps comments in order with author name and time", async () => {
    const first = await addComment(a.editor, claimId, { body: "Is the base year 2023?" });
    const second = await addComment(a.reviewer, claimId, { body: "Yes — see table 4.\nLine two." });
    const third = await addComment(a.editor, claimId, { body: "Thanks." });
    const list = await listComments(a.reviewer, claimId);
    expect(list.map((c) => [c.id, c.author.name, c.body])).toEqual([
      [first.id, a.editor.name, "Is the base year 2023?"],
      [second.id, a.reviewer.name, "Yes — see table 4.\nLine two."],
      [third.id, a.editor.name, "Thanks."],
    ]);
    expect(list.map((c) => c.canEdit)).toEqual([false, true, false]);
    expect(list.every((c) => c.editedAt === null && c.version === 1 && !Number.isNaN(Date.parse(c.createdAt)))).toBe(true);
    expect((await auditRows(claimId, "comment.add")).map((r) => r.after)).toEqual([
      { commentId: first.id, body: first.body },
      { commentId: second.id, body: second.body },
      { commentId: third.id, body: third.body },
    ]);
  });

  it("lets only the author edit, keeping the earlier wording in the audit trail", async () => {
    const comment = await addComment(a.reviewer, claimId, { body: "Chek the footnote." });
    const before = await snapshot(claimId);
    const notAuthor = await appError(editComment(a.editor, claimId, comment.id, { body: "Hijacked", version: 1 }), "forbidden");
    expect(notAuthor.message).toMatch(/author/);
    await appError(editComment(a.reviewer2, claimId, comment.id, { body: "Hijacked", version: 1 }), "forbidden");
    expect(await snapshot(claimId)).toEqual(before);
    expect((await listComments(a.editor, claimId)).find((c) => c.id === comment.id)!.body).toBe("Chek the footnote.");

    const edited = await editComment(a.reviewer, claimId, comment.id, { body: "Check the footnote.", version: 1 });
    expect(edited).toMatchObject({ body: "Check the footnote.", version: 2, author: { id: a.reviewer.id } });
    expect(edited.editedAt).not.toBeNull();
    const audit = await auditRows(claimId, "comment.edit");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: a.reviewer.id,
      before: { commentId: comment.id, body: "Chek the footnote." },
      after: { commentId: comment.id, body: "Check the footnote." },
    });

    const stale = await appError(editComment(a.reviewer, claimId, comment.id, { body: "Again", version: 1 }), "conflict");
    expect(stale.details!.current).toMatchObject({ body: "Check the footnote.", version: 2 });
  });

  it("validates comments and refuses unknown claims and comments", async () => {
    const before = await snapshot(claimId);
    const empty = await appError(addComment(a.editor, claimId, { body: "   " }), "validation_failed");
    expect(Object.keys(empty.fields!)).toEqual(["body"]);
    await appError(addComment(a.editor, claimId, { body: "x".repeat(10_001) }), "validation_failed");
    await appError(addComment(a.editor, claimId, { body: "nul \u0000 byte" }), "validation_failed");
    const extra = await appError(
      addComment(a.editor, claimId, { body: "ok", authorId: a.admin.id } as never),
      "validation_failed",
    );
    expect(extra.fields).toEqual({ authorId: "This field is not accepted." });
    await appError(addComment(null, claimId, { body: "anon" }), "unauthorized");
    await appError(addComment(a.editor, "00000000-0000-4000-8000-000000000000", { body: "ghost" }), "not_found");
    await appError(listComments(a.editor, "00000000-0000-4000-8000-000000000000"), "not_found");
    await appError(
      editComment(a.editor, claimId, "00000000-0000-4000-8000-000000000000", { body: "x", version: 1 }),
      "not_found",
    );
    // A comment is only reachable through its own claim.
    const { article, sentences } = await newArticle(a.editor, 1);
    const other = await createClaim(a.editor, article.id, { exact: sentences[0]! });
    const mine = await addComment(a.editor, other.id, { body: "Elsewhere" });
    await appError(editComment(a.editor, claimId, mine.id, { body: "moved", version: 1 }), "not_found");
    expect(await snapshot(claimId)).toEqual(before);
  });
});

describe("claim history", () => {
  it("lists every change in order, as structured rows and as plain sentences", async () => {
    const a = await createActors("history");
    const { article, sentences } = await newArticle(a.editor, 1);
    const created = await createClaim(a.editor, article.id, { exact: sentences[0]! });
    const v2 = await updateClaim(a.editor, created.id, {
      version: created.version,
      verdict: "disputed",
      rationale: "Two sources disagree.",
    });
    const v3 = await updateClaim(a.editor2, created.id, { version: v2.version, verdict: "false" });
    const { claim: v4, source } = await addSource(a.editor, created.id, {
      url: "https://example.org/budget",
      title: "Budget 2024",
      claimVersion: v3.version,
    });
    const v5 = await submitClaim(a.editor, created.id, { version: v4.version });
    const { claim: v6 } = await reviewClaim(a.reviewer, created.id, {
      version: v5.version,
      decision: "request_changes",
      reason: "Add the primary source.",
    });
    const comment = await addComment(a.reviewer, created.id, { body: "The ministry's PDF is the primary source." });
    await editComment(a.reviewer, created.id, comment.id, { body: "The ministry PDF is the primary source.", version: 1 });
    const { claim: v7 } = await removeSource(a.editor, created.id, source!.id, { claimVersion: v6.version });
    const { claim: v8 } = await addSource(a.editor, created.id, {
      url: "https://gov.example/budget.pdf",
      title: "Ministry budget PDF",
      claimVersion: v7.version,
    });
    const v9 = await submitClaim(a.editor, created.id, { version: v8.version });
    await assignClaim(a.reviewer2, created.id, { reviewerId: a.reviewer2.id });
    await reviewClaim(a.editor, created.id, { version: v9.version, decision: "approve" }).catch(() => undefined); // refused: not in history
    await reviewClaim(a.reviewer2, created.id, { version: v9.version, decision: "approve" });

    const history = await getClaimHistory(a.editor, created.id, { tz: "UTC" });
    expect(history.truncated).toBe(false);
    expect(history.items.map((i) => i.action)).toEqual([
      "claim.create",
      "claim.update",
      "claim.update",
      "source.add",
      "claim.submit",
      "claim.request_changes",
      "comment.add",
      "comment.edit",
      "source.remove",
      "source.add",
      "claim.submit",
      "claim.assign",
      "claim.approve",
    ]);
    const texts = history.items.map((i) => i.text.replace(/, \d\d:\d\d$/, ""));
    const ed = a.editor.name;
    const ed2 = a.editor2.name;
    const rv = a.reviewer.name;
    const rv2 = a.reviewer2.name;
    expect(texts).toEqual([
      `${ed} marked the claim “${sentences[0]}”`,
      `${ed} changed the verdict from Unverified to Disputed and set the "how we checked" note to “Two sources disagree.”`,
      `${ed2} changed the verdict from Disputed to False`,
      `${ed} added the source “Budget 2024”`,
      `${ed} submitted the claim for review`,
      `${rv} requested changes: “Add the primary source.”`,
      `${rv} commented: “The ministry's PDF is the primary source.”`,
      `${rv} edited a comment from “The ministry's PDF is the primary source.” to “The ministry PDF is the primary source.”`,
      `${ed} removed the source “Budget 2024”`,
      `${ed} added the source “Ministry budget PDF”`,
      `${ed} submitted the claim for review`,
      `${rv2} took the claim for review`,
      `${rv2} approved the claim with the verdict False`,
    ]);
    // Each sentence carries the time of its row, as the reader's clock shows it today.
    for (const item of history.items) expect(item.text.endsWith(`, ${item.at.slice(11, 16)}`)).toBe(true);
    expect(history.items[2]).toMatchObject({
      actor: { id: a.editor2.id, name: ed2 },
      before: { verdict: "disputed" },
      after: { verdict: "false" },
    });
    expect(history.reviews.map((r) => [r.decision, r.reviewer.name])).toEqual([
      ["request_changes", rv],
      ["approve", rv2],
    ]);
    await appError(getClaimHistory(a.editor, created.id, { tz: "Mars/Olympus" }), "validation_failed");
    await appError(getClaimHistory(a.editor, "00000000-0000-4000-8000-000000000000"), "not_found");
    await appError(getClaimHistory(null, created.id), "unauthorized");
  });
});
