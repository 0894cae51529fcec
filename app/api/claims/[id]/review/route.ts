import { apiRoute, json, readJson } from "@/lib/http/api";
import { reviewClaim } from "@/lib/workflow/review-claim";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await reviewClaim(actor, params.id, await readJson(request))),
);
