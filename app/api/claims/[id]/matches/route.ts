import { apiRoute, json, readJson } from "@/lib/http/api";
import { confirmClaimMatch } from "@/lib/matching/confirm-claim-match";
import { findClaimMatches } from "@/lib/matching/find-claim-matches";

/** Earlier claims making the same claim, with scores and reasons, and the confirmed group. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await findClaimMatches(actor, params.id)));

/** `{matchId}`: a person confirms the match; both claims join one group. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ group: await confirmClaimMatch(actor, params.id, await readJson(request)) }, 201),
);
