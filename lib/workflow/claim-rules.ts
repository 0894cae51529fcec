/**
 * The claim rules that pages and use cases both read, so that a button the page offers and the
 * answer the server gives cannot disagree: who may approve (four-eyes, and text that is still
 * where the claim says), which claims need attention, and what sending a claim back to review
 * writes. Pure: no database, no framework.
 */
import type { AnchorState } from "@/domain/vocabulary";

/** Anchor states in which the text under the claim is not the text that was checked. */
export const ATTENTION_ANCHOR_STATES = ["changed", "ambiguous", "orphaned"] as const satisfies readonly AnchorState[];

/** Anchor states in which a verdict cannot be published: the text is gone, or matches several places. */
export const UNAPPROVABLE_ANCHOR_STATES = ["orphaned", "ambiguous"] as const satisfies readonly AnchorState[];

/** The text under the claim changed, now matches several places, or is gone (the editor should look). */
export function anchorNeedsAttention(state: AnchorState): boolean {
  return (ATTENTION_ANCHOR_STATES as readonly AnchorState[]).includes(state);
}

/**
 * A claim needs attention when the text under it moved away from what was checked, or when it came
 * back to review for a recorded reason (an edit after approval, a re-check, a text change).
 */
export function claimNeedsAttention(claim: { anchorState: AnchorState; statusReason: string | null }): boolean {
  return anchorNeedsAttention(claim.anchorState) || Boolean(claim.statusReason);
}

/** The four-eyes rule: the creator and whoever edited a reviewed field since the last approval may not approve. */
export function isBarredFromApproving(
  claim: { createdBy: string; editorsSinceApproval: readonly string[] },
  userId: string,
): boolean {
  return claim.createdBy === userId || claim.editorsSinceApproval.includes(userId);
}

/** Why the text refuses an approval: "orphaned" (gone) or "ambiguous" (several places); null when it allows one. */
export function textRefusingApproval(state: AnchorState): (typeof UNAPPROVABLE_ANCHOR_STATES)[number] | null {
  return state === "orphaned" || state === "ambiguous" ? state : null;
}

export type ApprovalRefusal = "four-eyes" | (typeof UNAPPROVABLE_ANCHOR_STATES)[number];

/** Why this user may not approve this claim (four-eyes first, then the text), or null when they may. */
export function approvalRefusal(
  claim: { createdBy: string; editorsSinceApproval: readonly string[]; anchorState: AnchorState },
  userId: string,
): ApprovalRefusal | null {
  if (isBarredFromApproving(claim, userId)) return "four-eyes";
  return textRefusingApproval(claim.anchorState);
}

/**
 * The columns that send a claim back to review: in review again from `now`, its approval cleared
 * (the reviews table keeps it). Callers decide when (lib/workflow/state-machine.ts says which
 * statuses an edit or a text change sends back).
 */
export function backToReviewColumns(now: Date): {
  status: "in_review";
  submittedAt: Date;
  approvedBy: null;
  approvedAt: null;
  approvedVersion: null;
} {
  return { status: "in_review", submittedAt: now, approvedBy: null, approvedAt: null, approvedVersion: null };
}
