import { addSource } from "@/lib/claims/add-source";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await addSource(actor, params.id, await readJson(request)), 201),
);
