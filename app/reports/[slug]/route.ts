import { getPublishedReport } from "@/lib/reports/get-published-report";
import { listRelatedReports } from "@/lib/matching/list-related-reports";
import { renderHtml } from "@/lib/reports/render-html";
import { addArchiveLinks } from "@/lib/sources/public-archive";

export const dynamic = "force-dynamic";

function page(status: number, title: string, message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${message}</p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The public fact-check page: the stored snapshot of the latest publication (or `?version=N`),
 * rendered by the same HTML renderer as the export, with the ClaimReview JSON-LD embedded.
 * Readable without login; it never reads live claims, only what was published.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await context.params;
  const versionParam = new URL(request.url).searchParams.get("version");
  const version = versionParam === null ? undefined : /^[1-9]\d{0,5}$/.test(versionParam) ? Number(versionParam) : NaN;
  if (Number.isNaN(version)) return page(404, "Not found", "There is no such version of this report.");
  try {
    const report = await getPublishedReport(slug, version);
    if (report.state === "missing") return page(404, "Not found", "There is no published fact-check at this address.");
    if (report.state === "gone")
      return page(410, "Report withdrawn", "This fact-check report has been taken down by its publisher.");
    // Other published fact-checks of the same claims (confirmed matches), from their public snapshots.
    const related = await listRelatedReports(report.data);
    // The latest publication links the kept copy of each public source whose link broke since.
    const isLatest = version === undefined || version === report.versions[0]?.version;
    const data = isLatest ? await addArchiveLinks(report.data, slug) : report.data;
    return new Response(renderHtml({ ...data, variant: "public" }, related), {
      status: 200,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        // Revalidated on every visit: an unpublished report must answer 410 at once, not after
        // a browser's or proxy's copy expires.
        "Cache-Control": "no-cache",
        "X-Report-Version": String(report.version),
      },
    });
  } catch (err) {
    console.error("[reports] could not serve a public report", err);
    return page(503, "Temporarily unavailable", "Please try again in a moment.");
  }
}
