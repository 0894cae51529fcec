import { listSuggestions } from "@/lib/articles/list-suggestions";
import { apiRoute, json } from "@/lib/http/api";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) =>
  json({ suggestions: await listSuggestions(actor, params.id) }),
);
