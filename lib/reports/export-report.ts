import "server-only";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { loadReport } from "./load-report";
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
  options: { system?: boolean } = {},
): Promise<ExportedReport> {
  const format = fileOrFormat.replace(/^report\./, "");
  if (!isReportFormat(format)) throw notFound("That export format");
  const data = await loadReport(actor, articleIdOrSlug, variant, options);
  const rendered = await renderReport(data, format);
  const base = reportFileName(data, format);
  return {
    body: rendered.body,
    contentType: rendered.contentType,
    fileName: variant === "internal" ? base.replace(/(\.[a-z]+)$/, "-internal$1") : base,
    format,
  };
}
