import { renderCsv } from "./render-csv";
import { renderHtml } from "./render-html";
import { renderJson } from "./render-json";
import { renderJsonLd } from "./render-jsonld";
import { renderMarkdown } from "./render-markdown";
import { renderPdf } from "./render-pdf";
import { REPORT_FORMATS, isReportFormat, type ReportData, type ReportFormat } from "./types";

export interface RenderedReport {
  body: string | Buffer;
  /** With `; charset=utf-8` for every text format. */
  contentType: string;
  extension: string;
  /** ASCII-only, safe to put in Content-Disposition as is. */
  fileName: string;
}

export async function renderReport(data: ReportData, format: ReportFormat): Promise<RenderedReport> {
  // The format usually comes from a URL; "__proto__" must not index into the table.
  if (!isReportFormat(format)) throw new TypeError(`Unknown report format ${JSON.stringify(format)}`);
  const info = REPORT_FORMATS[format];
  return {
    body: await renderBody(data, format),
    contentType: info.contentType,
    extension: info.extension,
    fileName: reportFileName(data, format),
  };
}

/** e.g. "lammy-nato-defence-spending-fact-check-internal.pdf" */
export function reportFileName(data: ReportData, format: ReportFormat): string {
  const slug =
    data.article.slug
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || "report";
  const variant = data.variant === "internal" ? "-internal" : "";
  return `${slug}-fact-check${variant}.${REPORT_FORMATS[format].extension}`;
}

async function renderBody(data: ReportData, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case "md":
      return renderMarkdown(data);
    case "html":
      return renderHtml(data);
    case "pdf":
      return renderPdf(data);
    case "csv":
      return renderCsv(data);
    case "json":
      return renderJson(data);
    case "jsonld":
      return renderJsonLd(data);
    default: {
      const unreachable: never = format;
      throw new TypeError(`Unknown report format ${JSON.stringify(unreachable)}`);
    }
  }
}
