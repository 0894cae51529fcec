import { apiRoute, json, readJson } from "@/lib/http/api";
import { assignClaim } from "@/lib/workflow/assign-claim";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await assignClaim(actor, params.id, await readJson(request)) }),
);
