"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import type { ClaimView } from "@/lib/claims/claim-view";
import { createClaim } from "@/lib/claims/create-claim";
import { deleteClaim } from "@/lib/claims/delete-claim";
import { type SourceChange, addSource, removeSource, updateSource } from "@/lib/claims/manage-sources";
import { reattachClaim } from "@/lib/claims/reattach-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { type ActionResult, runAction } from "@/lib/http/action";

// Server actions are public endpoints: each passes its untrusted input to one lib/ function,
// which validates it with the shared zod schema and authorizes the acting user.

export async function createClaimAction(articleId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => createClaim(actor, String(articleId), input as never));
}

export async function updateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => updateClaim(actor, String(claimId), input as never));
}

export async function reattachClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => reattachClaim(actor, String(claimId), input as never));
}

export async function addSourceAction(claimId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  const actor = await getCurrentActor();
  return runAction(() => addSource(actor, String(claimId), input as never));
}

export async function updateSourceAction(claimId: string, sourceId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  const actor = await getCurrentActor();
  return runAction(() => updateSource(actor, String(claimId), String(sourceId), input as never));
}

export async function removeSourceAction(claimId: string, sourceId: string, input: unknown): Promise<ActionResult<SourceChange>> {
  const actor = await getCurrentActor();
  return runAction(() => removeSource(actor, String(claimId), String(sourceId), input as never));
}

export async function deleteClaimAction(claimId: string, input: unknown): Promise<ActionResult<{ deleted: string }>> {
  const actor = await getCurrentActor();
  return runAction(() => deleteClaim(actor, String(claimId), input as never));
}
