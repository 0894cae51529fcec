"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, runAction } from "@/lib/http/action";
import { type DeskSettingsView, updateDeskSettings } from "@/lib/recheck/desk-settings";
import { setRecheckDate } from "@/lib/recheck/set-recheck-date";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function setRecheckDateAction(claimId: string, input: unknown): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => setRecheckDate(actor, String(claimId), input));
}

export async function updateDeskSettingsAction(input: unknown): Promise<ActionResult<DeskSettingsView>> {
  const actor = await getCurrentActor();
  return runAction(() => updateDeskSettings(actor, input));
}
