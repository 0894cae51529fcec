import { apiRoute, json } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";
import { listReviewQueue } from "@/lib/workflow/list-queue";

export const GET = apiRoute(async ({ actor, request }) =>
  json(await listReviewQueue(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

serveDirectly("GET", "/api/queue", GET);
