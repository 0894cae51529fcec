import { publicBaseUrl } from "@/lib/env";
import { errorResponse, json, toErrorResponse } from "@/lib/http/api";
import { originOf } from "@/lib/http/request-origin";
import { embedPath, oembedFor } from "@/lib/reports/embed-card";
import { getEmbeddableClaim, oembedQuerySchema, parseEmbedTarget } from "@/lib/reports/get-embed";

export const dynamic = "force-dynamic";

/**
 * oEmbed (https://oembed.com) for published verdicts: `?url=` the public report with
 * `#claim-<id>`, or a card's address; `format=json` only; `maxwidth` narrows the frame. Public,
 * like the report page: it reads only published snapshots.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = oembedQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    if (query.format !== "json") return errorResponse("not_implemented", "Only format=json is offered.");
    const base = publicBaseUrl(originOf(request.headers));
    const target = parseEmbedTarget(query.url, base);
    if (!target) return errorResponse("not_found", "That address is not a published verdict of this desk.");
    const found = await getEmbeddableClaim(target.slug, target.claimId);
    if (found.state === "gone") return errorResponse("gone", "This fact-check has been taken down by its publisher.");
    if (found.state === "missing") return errorResponse("not_found", "There is no published verdict at that address.");
    const maxwidth = Number(query.maxwidth ?? "");
    const body = oembedFor(found.report, found.claim, `${base}${embedPath(target.slug, target.claimId)}`, maxwidth || undefined);
    return json(body, 200, { "Cache-Control": "public, max-age=300" });
  } catch (err) {
    return toErrorResponse(err);
  }
}
