"use server";

import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, runAction } from "@/lib/http/action";
import { createApiToken } from "@/lib/tokens/create-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import type { ApiTokenView } from "@/lib/tokens/token-view";

// Server actions are public endpoints: lib/ validates the input and authorizes the acting user.

export async function createTokenAction(input: unknown): Promise<ActionResult<{ token: ApiTokenView; secret: string }>> {
  const actor = await getCurrentActor();
  return runAction(() => createApiToken(actor, input));
}

export async function revokeTokenAction(tokenId: unknown): Promise<ActionResult<{ revoked: string }>> {
  const actor = await getCurrentActor();
  return runAction(() => revokeApiToken(actor, String(tokenId)));
}
