import { apiRoute, json, readJson } from "@/lib/http/api";
import { createApiToken } from "@/lib/tokens/create-token";
import { listApiTokens } from "@/lib/tokens/list-tokens";

/** The caller's API tokens (an admin's: everyone's), never their secrets. */
export const GET = apiRoute(async ({ actor }) => json({ tokens: await listApiTokens(actor) }));

/** `{name, scopes, expiresInDays?, userId?}` → 201 `{token, secret}`: the secret is shown this once. */
export const POST = apiRoute(async ({ actor, request }) => json(await createApiToken(actor, await readJson(request)), 201));
