import "server-only";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { loadReport, type ReportOptions } from "./load-report";
import { renderReport, reportFileName } from "./render";
import { isReportFormat, type ReportFormat } from "./types";

export interface ExportedReport {
  body: string | Buffer;
  contentType: string;
  fileName: string;
  format: ReportFormat;
}

/** "report.pdf" → the rendered file, for the export route and the terminal command alike. */
export async function exportReport(
  actor: Actor | null,
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
