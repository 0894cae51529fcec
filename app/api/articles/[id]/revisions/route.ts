import { createRevision } from "@/lib/articles/create-revision";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const result = await createRevision(actor, params.id, await readJson(request));
  return json(result, result.unchanged ? 200 : 201);
});
