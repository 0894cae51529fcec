"use server";

import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, serverAction } from "@/lib/http/action";
import { assignClaim } from "@/lib/workflow/assign-claim";
import type { CommentView } from "@/lib/workflow/comment-view";
import { addComment } from "@/lib/workflow/add-comment";
import { editComment } from "@/lib/workflow/edit-comment";
import { type ReviewResult, reviewClaim } from "@/lib/workflow/review-claim";
import { submitClaim } from "@/lib/workflow/submit-claim";
import { withdrawClaim } from "@/lib/workflow/withdraw-claim";

// Server actions are public endpoints: each passes its untrusted input to one lib/ function,
// which validates it with the shared zod schema and authorizes the acting user (the four-eyes
// rule included). Nothing here decides who may do what.

export async function submitClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => submitClaim(actor, String(claimId), input));
}

export async function withdrawClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => withdrawClaim(actor, String(claimId), input));
}

export async function reviewClaimAction(claimId: string, input: unknown): Promise<ActionResult<ReviewResult>> {
  return serverAction((actor) => reviewClaim(actor, String(claimId), input));
}

export async function assignClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => assignClaim(actor, String(claimId), input));
}

export async function addCommentAction(claimId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return serverAction((actor) => addComment(actor, String(claimId), input));
}

export async function editCommentAction(claimId: string, commentId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return serverAction((actor) => editComment(actor, String(claimId), String(commentId), input));
}
