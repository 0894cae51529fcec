import { AppError, parseInput } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api";
import { originOf } from "@/lib/http/request-origin";
import { exportQuerySchema, exportReport } from "@/lib/reports/export-report";

/** GET /api/articles/{id}/report.{md,html,pdf,csv,json,jsonld}[?variant=internal] */
export const GET = apiRoute<{ id: string; file: string }>(async ({ actor, params, request }) => {
  if (!/^report\.[a-z]+$/.test(params.file)) throw new AppError("not_found", "There is nothing at this address.");
  const { variant } = parseInput(exportQuerySchema, { variant: new URL(request.url).searchParams.get("variant") ?? undefined });
  const file = await exportReport(actor, params.id, params.file, variant ?? "public", {
    origin: originOf(request.headers),
  });
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename="${file.fileName}"`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
  // An exported file opened from this origin must not run anything or reach the session.
  headers["Content-Security-Policy"] = file.format === "html" ? "sandbox" : "sandbox; default-src 'none'";
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, { status: 200, headers });
});
