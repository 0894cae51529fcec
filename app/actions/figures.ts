"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import { checkClaimFigures, type FigureCheck } from "@/lib/claim-figures/check-claim-figures";
import { editClaimFigure } from "@/lib/claim-figures/edit-claim-figure";
import type { ClaimFigureView } from "@/lib/claim-figures/figure-rows";
import { revertClaimFigure } from "@/lib/claim-figures/revert-claim-figure";
import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, runAction } from "@/lib/http/action";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function editClaimFigureAction(
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<ActionResult<{ claim: ClaimView; figure: ClaimFigureView }>> {
  const actor = await getCurrentActor();
  return runAction(() => editClaimFigure(actor, String(claimId), String(figureId), input as never));
}

export async function revertClaimFigureAction(
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<ActionResult<ClaimView>> {
  const actor = await getCurrentActor();
  return runAction(() => revertClaimFigure(actor, String(claimId), String(figureId), input as never));
}

export async function checkClaimFiguresAction(claimId: string): Promise<ActionResult<FigureCheck>> {
  const actor = await getCurrentActor();
  return runAction(() => checkClaimFigures(actor, String(claimId)));
}
