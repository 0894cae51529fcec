"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, runAction } from "@/lib/http/action";
import { confirmClaimMatch } from "@/lib/matching/confirm-claim-match";
import { type ClaimMatches, findClaimMatches } from "@/lib/matching/find-claim-matches";
import type { MatchGroupView } from "@/lib/matching/match-group";

// Public endpoints like every server action: lib/ validates the input and authorizes the user.

export async function findClaimMatchesAction(claimId: string): Promise<ActionResult<ClaimMatches>> {
  const actor = await getCurrentActor();
  return runAction(() => findClaimMatches(actor, String(claimId)));
}

export async function confirmClaimMatchAction(claimId: string, input: unknown): Promise<ActionResult<MatchGroupView>> {
  const actor = await getCurrentActor();
  return runAction(() => confirmClaimMatch(actor, String(claimId), input as never));
}
