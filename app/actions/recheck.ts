"use server";

import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, serverAction } from "@/lib/http/action";
import { type DeskSettingsView, updateDeskSettings } from "@/lib/recheck/desk-settings";
import { setRecheckDate } from "@/lib/recheck/set-recheck-date";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function setRecheckDateAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => setRecheckDate(actor, String(claimId), input));
}

export async function updateDeskSettingsAction(input: unknown): Promise<ActionResult<DeskSettingsView>> {
  return serverAction((actor) => updateDeskSettings(actor, input));
}
