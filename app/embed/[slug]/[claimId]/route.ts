import { getEmbeddableClaim } from "@/lib/reports/get-embed";
import { renderEmbedCard } from "@/lib/reports/embed-card";

export const dynamic = "force-dynamic";

function page(status: number, message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${message}</title></head><body><p>${message}</p></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * A published claim's verdict card, for other sites to frame (next.config.js lets any site frame
 * /embed/ and keeps it script-free). Public: it reads only the published snapshot.
 */
export async function GET(_request: Request, context: { params: Promise<{ slug: string; claimId: string }> }): Promise<Response> {
  const { slug, claimId } = await context.params;
  try {
    const found = await getEmbeddableClaim(slug, claimId);
    if (found.state === "gone") return page(410, "This fact-check has been taken down by its publisher.");
    if (found.state === "missing") return page(404, "There is no published verdict at this address.");
    return new Response(renderEmbedCard(found.report, found.claim), {
      status: 200,
      // Revalidated on every view, as the report page: an unpublished verdict disappears at once.
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
    });
  } catch (err) {
    console.error("[embed] could not serve a verdict card", err);
    return page(503, "Temporarily unavailable.");
  }
}
