import { getPublicArchive } from "@/lib/sources/public-archive";

export const dynamic = "force-dynamic";

/** Inert in any browser: plain text, never sniffed as markup, no script, no subresource, no form. */
const INERT = {
  "Content-Type": "text/plain; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "no-cache",
  // A copy kept for readers of one report, not a page for search engines.
  "X-Robots-Tag": "noindex, nofollow",
};

/**
 * The archived copy of a source whose link broke, linked from the public report (lib/sources/
 * public-archive.ts decides what is shown): the text the desk saved when it cited the source.
 */
export async function GET(
  _request: Request,
  context: { params: Promise<{ slug: string; sourceId: string }> },
): Promise<Response> {
  const { slug, sourceId } = await context.params;
  try {
    const archive = await getPublicArchive(slug, sourceId);
    if (archive.state === "gone")
      return new Response("This fact-check report has been taken down by its publisher.\n", { status: 410, headers: INERT });
    if (archive.state === "missing")
      return new Response("There is no archived copy at this address.\n", { status: 404, headers: INERT });
    const head = [
      `Archived copy of ${archive.url}`,
      `Source "${archive.title}" of the fact-check "${archive.reportTitle}".`,
      `Text saved on ${archive.fetchedAt.slice(0, 10)}, when the fact-checkers cited it; the live page no longer answers.${
        archive.truncated ? " The page was longer than the size limit: the copy is cut." : ""
      }`,
      "",
      "----",
      "",
    ].join("\n");
    return new Response(`${head}${archive.text}\n`, { status: 200, headers: INERT });
  } catch (err) {
    console.error("[reports] could not serve an archived source", err);
    return new Response("Temporarily unavailable. Please try again in a moment.\n", { status: 503, headers: INERT });
  }
}
