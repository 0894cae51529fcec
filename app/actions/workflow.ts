"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, runAction } from "@/lib/http/action";
import { assignClaim } from "@/lib/workflow/assign-claim";
import { type CommentView, addComment, editComment } from "@/lib/workflow/comments";
import { type ReviewResult, reviewClaim } from "@/lib/workflow/review-claim";
import { submitClaim } from "@/lib/workflow/submit-claim";
import { withdrawClaim } from "@/lib/workflow/withdraw-claim";

// Server actions are public endpoints: each passes its untrusted input to one lib/ function,
// which validates it with the shared zod schema and authorizes the acting user (the four-eyes
// rule included). Nothing here decides who may do what.

export async function submitClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => submitClaim(actor, String(claimId), input as never));
}

export async function withdrawClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => withdrawClaim(actor, String(claimId), input as never));
}

export async function reviewClaimAction(claimId: string, input: unknown): Promise<ActionResult<ReviewResult>> {
  const actor = await getCurrentActor();
  return runAction(() => reviewClaim(actor, String(claimId), input as never));
}

export async function assignClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => assignClaim(actor, String(claimId), input as never));
}

export async function addCommentAction(claimId: string, input: unknown): Promise<ActionResult<CommentView>> {
  const actor = await getCurrentActor();
  return runAction(() => addComment(actor, String(claimId), input as never));
}

export async function editCommentAction(claimId: string, commentId: string, input: unknown): Promise<ActionResult<CommentView>> {
  const actor = await getCurrentActor();
  return runAction(() => editComment(actor, String(claimId), String(commentId), input as never));
}
