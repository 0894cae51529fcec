import { deleteClaim } from "@/lib/claims/delete-claim";
import { getClaim } from "@/lib/claims/get-claim";
import { updateClaim } from "@/lib/claims/update-claim";
import { apiRoute, json, plainJson, readJson } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ claim: await getClaim(actor, params.id) }));

// A plain answer (`plainJson`): Next.js gets the `Response` `json()` would make; server.mjs, which
// serves this route itself, writes the JSON text without one (`PATCH.answer`).
export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  plainJson({ claim: await updateClaim(actor, params.id, await readJson(request)) }),
);

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await deleteClaim(actor, params.id, await readJson(request))),
);

serveDirectly("PATCH", "/api/claims/:id", PATCH.answer);
