import { dismissSuggestion } from "@/lib/articles/dismiss-suggestion";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const dismissed = await dismissSuggestion(actor, params.id, await readJson(request));
  return json({ dismissed }, dismissed.created ? 201 : 200);
});
