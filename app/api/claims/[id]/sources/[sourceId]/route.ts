import { removeSource } from "@/lib/claims/remove-source";
import { updateSource } from "@/lib/claims/update-source";
import { apiRoute, json, readJson } from "@/lib/http/api";

type Params = { id: string; sourceId: string };

export const PATCH = apiRoute<Params>(async ({ actor, params, request }) =>
  json(await updateSource(actor, params.id, params.sourceId, await readJson(request))),
);

export const DELETE = apiRoute<Params>(async ({ actor, params, request }) =>
  json(await removeSource(actor, params.id, params.sourceId, await readJson(request))),
);
