import { apiRoute, json, readJson } from "@/lib/http/api";
import { submitClaim } from "@/lib/workflow/submit-claim";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await submitClaim(actor, params.id, await readJson(request)) }),
);
