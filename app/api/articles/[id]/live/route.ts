import { apiRoute } from "@/lib/http/api";
import { openArticleStream } from "@/lib/live/open-article-stream";
import { sessionRecheck } from "@/lib/live/stream-actor";

// Server-sent events: never cached or prerendered (docs/live-updates.md).
export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const stream = await openArticleStream(actor, params.id, { recheck: sessionRecheck(request.headers), signal: request.signal });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the server's compression would otherwise hold events back in its buffer.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
