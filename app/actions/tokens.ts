"use server";

import { type ActionResult, serverAction } from "@/lib/http/action";
import { createApiToken } from "@/lib/tokens/create-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import type { ApiTokenView } from "@/lib/tokens/token-view";

// Server actions are public endpoints: lib/ validates the input and authorizes the acting user.

export async function createTokenAction(input: unknown): Promise<ActionResult<{ token: ApiTokenView; secret: string }>> {
  return serverAction((actor) => createApiToken(actor, input));
}

export async function revokeTokenAction(tokenId: unknown): Promise<ActionResult<{ revoked: string }>> {
  return serverAction((actor) => revokeApiToken(actor, String(tokenId)));
}
