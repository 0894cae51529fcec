import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/permissions";
import type { SystemActor } from "../auth/system-actor";
import { notFound } from "../errors";
import { loadReport, type ReportOptions } from "./load-report";
import { renderReport, reportFileName } from "./render";
import { isReportFormat, type ReportFormat } from "./types";

/** The export route's query: the public report (default) or the internal one with every claim. */
export const exportQuerySchema = z.object({
  variant: z.enum(["public", "internal"], "Use public or internal.").optional(),
});

export interface ExportedReport {
  body: string | Buffer;
  contentType: string;
  fileName: string;
  format: ReportFormat;
}

/** "report.pdf" → the rendered file, for the export route and the terminal command alike. */
export async function exportReport(
  actor: Actor | SystemActor | null,
  articleIdOrSlug: string,
  fileOrFormat: string,
  variant: "public" | "internal" = "public",
  options: ReportOptions = {},
): Promise<ExportedReport> {
  const format = fileOrFormat.replace(/^report\./, "");
  if (!isReportFormat(format)) throw notFound("That export format");
  const data = await loadReport(actor, articleIdOrSlug, variant, options);
  const rendered = await renderReport(data, format);
  return {
    body: rendered.body,
    contentType: rendered.contentType,
    // reportFileName names the variant already.
    fileName: reportFileName(data, format),
    format,
  };
}
