import { apiRoute, json } from "@/lib/http/api";
import { getClaimHistory } from "@/lib/workflow/claim-history";

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await getClaimHistory(actor, params.id, Object.fromEntries(new URL(request.url).searchParams))),
);
