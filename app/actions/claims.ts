"use server";

import type { ClaimView } from "@/lib/claims/claim-view";
import { createClaim } from "@/lib/claims/create-claim";
import { deleteClaim } from "@/lib/claims/delete-claim";
import type { SourceChange } from "@/lib/claims/source-change";
import { addSource } from "@/lib/claims/add-source";
import { removeSource } from "@/lib/claims/remove-source";
import { updateSource } from "@/lib/claims/update-source";
import { reattachClaim } from "@/lib/claims/reattach-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { type ActionResult, serverAction } from "@/lib/http/action";

// Server actions are public endpoints: each passes its untrusted input to one lib/ function,
// which validates it with the shared zod schema and authorizes the acting user.

export async function createClaimAction(articleId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => createClaim(actor, String(articleId), input));
}

export async function updateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => updateClaim(actor, String(claimId), input));
}

export async function reattachClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => reattachClaim(actor, String(claimId), input));
}

export async function addSourceAction(claimId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  return serverAction((actor) => addSource(actor, String(claimId), input));
}

export async function updateSourceAction(claimId: string, sourceId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  return serverAction((actor) => updateSource(actor, String(claimId), String(sourceId), input));
}

export async function removeSourceAction(claimId: string, sourceId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  return serverAction((actor) => removeSource(actor, String(claimId), String(sourceId), input));
}

export async function deleteClaimAction(claimId: string, input: unknown): Promise<ActionResult<{ deleted: string }>> {
  return serverAction((actor) => deleteClaim(actor, String(claimId), input));
}
