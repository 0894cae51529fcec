import { apiRoute, plainJson } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";
import { listReviewQueue } from "@/lib/workflow/list-queue";

// A plain answer (`plainJson`): Next.js gets the `Response` `json()` would make; server.mjs, which
// serves this route itself, writes the JSON text without one (`GET.answer`).
export const GET = apiRoute(async ({ actor, request }) =>
  plainJson(await listReviewQueue(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

serveDirectly("GET", "/api/queue", GET.answer);
