import { apiRoute, json } from "@/lib/http/api";
import { searchDesk } from "@/lib/search/search-desk";

/** Search across the desk (docs/api.md, "Search"): the same results as the /search page. */
export const GET = apiRoute(async ({ actor, request }) =>
  json(await searchDesk(actor, Object.fromEntries(new URL(request.url).searchParams))),
);
