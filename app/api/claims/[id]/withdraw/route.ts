import { apiRoute, json, readJson } from "@/lib/http/api";
import { withdrawClaim } from "@/lib/workflow/withdraw-claim";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await withdrawClaim(actor, params.id, await readJson(request)) }),
);
