import { apiRoute, json } from "@/lib/http/api";
import { listDueClaims } from "@/lib/recheck/list-due-claims";

export const GET = apiRoute(async ({ actor, request }) =>
  json(await listDueClaims(actor, Object.fromEntries(new URL(request.url).searchParams))),
);
