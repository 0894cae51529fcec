import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/database";
import { type ClaimRow, type ReviewRow, articleRevisions, claims, reviews } from "@/db/schema";
import { createAnchor } from "../anchoring/anchor";
import { recheckOnApproval } from "../recheck/recheck-on-approval";
import { writeClaimFigures } from "../claim-figures/claim-figure-store";
import { figureWarningsFor } from "../claim-figures/check-claim-figures";
import { recordAudit } from "../audit/record-audit";
import { authorize, recordDenied } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type ClaimView, claimViewSchema } from "../claims/claim-view";
import { isBarredFromApproving, textRefusingApproval } from "./claim-rules";
import { loadClaimView, lockClaim } from "../claims/claim-store";
import type { Verdict } from "../claims/verdicts";
import { AppError, forbidden, parseInput, sqlState } from "../errors";
import { describeVerdictDifference, differingGroupVerdict } from "../matching/match-group";
import { notify } from "../notifications/notify";
import { enqueueWebhookEvent, prepareWebhookQueue } from "../webhooks/enqueue-webhook-event";
import { type ReviewDecision, reviewSchema } from "./schemas";
import { requireComplete, requireTransition, type UserRef, userRefSchema } from "./workflow-store";
import { z } from "zod";
import { REVIEW_DECISIONS, VERDICTS } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

export interface ReviewView {
  id: string;
  claimId: string;
  /** The claim version the reviewer looked at (the approval itself bumps the claim to the next one). */
  claimVersion: number;
  reviewer: UserRef;
  decision: ReviewDecision;
  reason: string | null;
  verdict: Verdict;
  /** The article revision and the text under the claim at the time of the decision. */
  revisionId: string | null;
  approvedText: string | null;
  at: string;
}

export const reviewViewSchema = viewSchema<ReviewView>()(
  z.object({
    id: z.string(),
    claimId: z.string(),
    claimVersion: z.number().int(),
    reviewer: userRefSchema,
    decision: z.enum(REVIEW_DECISIONS),
    reason: z.string().nullable(),
    verdict: z.enum(VERDICTS),
    revisionId: z.string().nullable(),
    approvedText: z.string().nullable(),
    at: z.string(),
  }),
);

export interface ReviewResult {
  claim: ClaimView;
  review: ReviewView;
}

export const reviewResultSchema = viewSchema<ReviewResult>()(z.object({ claim: claimViewSchema, review: reviewViewSchema }));

/**
 * A reviewer who approves a claim whose text changed approves the text now under it: that text
 * becomes the claim's quote (with fresh context), so the claim is `anchored` again and "Text
 * changed" does not stay on it, nor send it back at the next, unrelated correction. The old quote
 * stays in the history and in the review row of the earlier approval.
 */
async function acceptChangedText(tx: Tx, claim: ClaimRow) {
  const [revision] = await tx
    .select({ body: articleRevisions.body })
    .from(articleRevisions)
    .where(eq(articleRevisions.id, claim.anchorRevisionId));
  if (!revision) throw new Error(`revision ${claim.anchorRevisionId} of claim ${claim.id} is missing`);
  const anchor = createAnchor(revision.body, claim.startCp, claim.endCp);
  return {
    exact: anchor.exact,
    prefix: anchor.prefix,
    suffix: anchor.suffix,
    startCp: anchor.start,
    endCp: anchor.end,
    anchorState: "anchored" as const,
    anchorText: null,
  };
}

export const FOUR_EYES_MESSAGE = "You created or edited this claim since its last approval, so another reviewer must approve it.";

class FourEyesRefusal extends Error {}

export function toReviewView(row: ReviewRow, reviewer: UserRef): ReviewView {
  return {
    id: row.id,
    claimId: row.claimId,
    claimVersion: row.claimVersion,
    reviewer,
    decision: row.decision,
    reason: row.reason,
    verdict: row.verdict,
    revisionId: row.revisionId,
    approvedText: row.approvedText,
    at: row.at.toISOString(),
  };
}

/**
 * A reviewer's decision on the version they saw: approve (in_review → approved) or request
 * changes with a reason (in_review → changes_requested). The decision row is pinned to that
 * version, and the claim moves to the next version, so a second decision on the same version is
 * a 409 whichever path it takes: the version check under the row lock, or the unique
 * (claim_id, claim_version) index should anything reach the insert without the lock.
 */
export async function reviewClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ReviewResult> {
  const user = await authorize(actor, "claim:review", { type: "claim", id: claimId });
  const data = parseInput(reviewSchema, input);
  const db = await getDb();
  await prepareWebhookQueue();
  try {
    return await db.transaction(async (tx) => {
      const claim = await lockClaim(tx, claimId);
      if (claim.version !== data.version) {
        throw new AppError(
          "conflict",
          `This claim changed or was decided on since you opened it (you reviewed version ${data.version}, it is now at version ${claim.version}). Nothing was recorded.`,
          undefined,
          { current: await loadClaimView(tx, claimId) },
        );
      }
      const status = await requireTransition(tx, claim, data.decision);
      if (data.decision === "approve") {
        // Checked here against the editors as they stand before this approval clears them.
        if (isBarredFromApproving(claim, user.id)) throw new FourEyesRefusal();
        // Edits made while the claim was in review may have removed what submission required.
        await requireComplete(tx, claim, "approved");
        // The same claim (a confirmed match) was approved with another verdict: say so, and go on
        // only when the reviewer confirms (recorded in the audit log below).
        const differing = await differingGroupVerdict(tx, claimId, claim.verdict);
        if (differing && data.confirmVerdictDifference !== true) {
          throw new AppError(
            "unprocessable",
            `${describeVerdictDifference(differing, claim.verdict)} Confirm that the verdict should differ to approve it.`,
            { confirmVerdictDifference: "Confirm the different verdict, or change the verdict first." },
            { groupVerdict: differing },
          );
        }
        if (differing) {
          await recordAudit(tx, {
            actorId: user.id,
            action: "claim.verdict_difference_confirmed",
            targetType: "claim",
            targetId: claimId,
            after: { verdict: claim.verdict, groupVerdict: differing.verdict },
            meta: { groupClaimId: differing.claimId, groupApprovedAt: differing.approvedAt },
          });
        }
        // Figures that disagree (statement vs text, a changed figure, another approved claim): go on
        // only when the reviewer confirmed each warning they were shown (recorded in the audit log).
        const figureWarnings = await figureWarningsFor(tx, claim);
        const confirmed = new Set(data.confirmFigureWarnings ?? []);
        const unconfirmed = figureWarnings.filter((w) => !confirmed.has(w.key));
        if (unconfirmed.length > 0) {
          throw new AppError(
            "unprocessable",
            `${unconfirmed.map((w) => w.message).join(" ")} Confirm that you checked ${figureWarnings.length === 1 ? "this figure warning" : "these figure warnings"} to approve it.`,
            { confirmFigureWarnings: "Confirm the figure warnings, or have the figures corrected first." },
            { figureWarnings },
          );
        }
        if (figureWarnings.length > 0) {
          await recordAudit(tx, {
            actorId: user.id,
            action: "claim.figure_warnings_confirmed",
            targetType: "claim",
            targetId: claimId,
            meta: {
              reviewedVersion: claim.version,
              warnings: figureWarnings.map((w) => ({
                kind: w.kind,
                message: w.message,
                ...(w.kind === "other-claim" ? { claimId: w.claimId } : {}),
              })),
            },
          });
        }
        // A verdict is published against the article's text: not on text that is gone, nor on a
        // quote that now matches several places. The editor re-attaches it first.
        const textRefusal = textRefusingApproval(claim.anchorState);
        if (textRefusal) {
          throw new AppError(
            "unprocessable",
            textRefusal === "orphaned"
              ? "The text of this claim is no longer in the article. The editor must re-attach it before it can be approved."
              : "The text of this claim now matches several places in the article. The editor must re-attach it before it can be approved.",
            { anchor: "Re-attach the claim to the article text first." },
          );
        }
      }
      const now = new Date();
      const version = claim.version + 1;
      const reason = data.reason ?? null;

      // The review row goes in BEFORE the claim update: its trigger reads editors_since_approval
      // from the claim row, which still holds the editors here. The claims trigger runs on the
      // NEW row, where the approval has emptied that list, so it can only catch the creator.
      const [row] = await tx
        .insert(reviews)
        .values({
          claimId,
          claimVersion: claim.version,
          reviewerId: user.id,
          decision: data.decision,
          reason,
          revisionId: claim.anchorRevisionId,
          approvedText: data.decision === "approve" ? (claim.anchorText ?? claim.exact) : null,
          verdict: claim.verdict,
          at: now,
        })
        .returning();
      if (!row) throw new Error("insert returned no review");

      // Verdicts expire: the approval sets the next re-check date (and closes a re-check that was due).
      const recheck = data.decision === "approve" ? await recheckOnApproval(tx, claim, now) : null;
      if (data.decision === "approve") {
        const accepted = claim.anchorState === "changed" ? await acceptChangedText(tx, claim) : null;
        await tx
          .update(claims)
          .set({
            ...accepted,
            ...recheck,
            status,
            version,
            approvedBy: user.id,
            approvedAt: now,
            approvedVersion: version,
            // A new approval starts a new four-eyes period.
            editorsSinceApproval: [],
            statusReason: null,
          })
          .where(eq(claims.id, claimId));
        if (accepted) await writeClaimFigures(tx, claimId, { ...claim, exact: accepted.exact, anchorText: null });
      } else {
        await tx.update(claims).set({ status, version, statusReason: reason }).where(eq(claims.id, claimId));
      }

      await recordAudit(tx, {
        actorId: user.id,
        action: data.decision === "approve" ? "claim.approve" : "claim.request_changes",
        targetType: "claim",
        targetId: claimId,
        before: { status: claim.status, version: claim.version },
        after: { status, version, verdict: claim.verdict, ...(reason ? { reason } : {}), ...(recheck ?? {}) },
        meta: { reviewId: row.id, reviewedVersion: claim.version },
      });
      // Subscribed endpoints hear of it, if and when this commits.
      await enqueueWebhookEvent(
        tx,
        data.decision === "approve" ? "claim.approved" : "claim.sent_back",
        {
          claim: { id: claimId, articleId: claim.articleId, version, status, verdict: claim.verdict },
          review: { id: row.id, decision: data.decision, reviewedVersion: claim.version, decidedAt: now.toISOString() },
        },
        now,
      );
      // The claim's editor is told (never the reviewer, should they have created it: notify() drops that).
      await notify(tx, user.id, [
        {
          recipientId: claim.createdBy,
          kind: data.decision === "approve" ? "approved" : "changes_requested",
          claimId,
          detail: reason,
        },
      ]);
      return { claim: await loadClaimView(tx, claimId), review: toReviewView(row, { id: user.id, name: user.name }) };
    });
  } catch (err) {
    const state = sqlState(err);
    if (err instanceof FourEyesRefusal || state === "FC001") {
      await recordDenied(user, "claim:review", { type: "claim", id: claimId }, "four-eyes");
      throw forbidden(FOUR_EYES_MESSAGE);
    }
    if (state === "23505") {
      throw new AppError("conflict", "Another reviewer has already decided on this version of the claim.", undefined, {
        current: await loadClaimView(db, claimId),
      });
    }
    throw err;
  }
}
