import { apiRoute, json } from "@/lib/http/api";
import { revokeApiToken } from "@/lib/tokens/revoke-token";

/** Revokes the token at once. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => json(await revokeApiToken(actor, params.id)));
