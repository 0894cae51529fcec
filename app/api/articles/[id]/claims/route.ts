import { createClaim } from "@/lib/claims/create-claim";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const claim = await createClaim(actor, params.id, await readJson(request));
  return json({ claim }, 201, { Location: `/api/claims/${claim.id}` });
});
