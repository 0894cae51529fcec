import { deleteClaim } from "@/lib/claims/delete-claim";
import { getClaim } from "@/lib/claims/get-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ claim: await getClaim(actor, params.id) }));

export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await updateClaim(actor, params.id, await readJson(request)) }),
);

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await deleteClaim(actor, params.id, await readJson(request))),
);

serveDirectly("PATCH", "/api/claims/:id", PATCH);
