"use server";

import { type ActionResult, serverAction } from "@/lib/http/action";
import { confirmClaimMatch } from "@/lib/matching/confirm-claim-match";
import { type ClaimMatches, findClaimMatches } from "@/lib/matching/find-claim-matches";
import type { MatchGroupView } from "@/lib/matching/match-group";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function findClaimMatchesAction(claimId: string): Promise<ActionResult<ClaimMatches>> {
  return serverAction((actor) => findClaimMatches(actor, String(claimId)));
}

export async function confirmClaimMatchAction(claimId: string, input: unknown): Promise<ActionResult<MatchGroupView>> {
  return serverAction((actor) => confirmClaimMatch(actor, String(claimId), input));
}
