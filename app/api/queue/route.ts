import { apiRoute, plainJson } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";
import { listReviewQueue, type ReviewQueueRead, reviewQueueRead } from "@/lib/workflow/list-queue";

const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

// A plain answer (`plainJson`): Next.js gets the `Response` `json()` would make; server.mjs, which
// serves this route itself, writes the JSON text without one (`GET.answer`). The page is read in
// the statement that checks the session (`read`): one round trip to the database.
export const GET = apiRoute<Record<string, string>, ReviewQueueRead>(
  async ({ actor, request, read }) => plainJson(await listReviewQueue(actor, read?.input ?? queryOf(request), read)),
  { read: (request) => reviewQueueRead(queryOf(request)) },
);

// GET.answer reads only the request's method, URL and headers (apiRoute and this handler): server.mjs
// may give it those alone (RequestHead), without a Web `Request`.
serveDirectly("GET", "/api/queue", GET.answer, { head: true });
