"use server";

import { checkClaimFigures, type FigureCheck } from "@/lib/claim-figures/check-claim-figures";
import { editClaimFigure } from "@/lib/claim-figures/edit-claim-figure";
import type { ClaimFigureView } from "@/lib/claim-figures/figure-rows";
import { revertClaimFigure } from "@/lib/claim-figures/revert-claim-figure";
import type { ClaimView } from "@/lib/claims/claim-view";
import { type ActionResult, serverAction } from "@/lib/http/action";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function editClaimFigureAction(
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<ActionResult<{ claim: ClaimView; figure: ClaimFigureView }>> {
  return serverAction((actor) => editClaimFigure(actor, String(claimId), String(figureId), input));
}

export async function revertClaimFigureAction(
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<ActionResult<ClaimView>> {
  return serverAction((actor) => revertClaimFigure(actor, String(claimId), String(figureId), input));
}

export async function checkClaimFiguresAction(claimId: string): Promise<ActionResult<FigureCheck>> {
  return serverAction((actor) => checkClaimFigures(actor, String(claimId)));
}
