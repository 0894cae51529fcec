import { collapseWhitespace, csvRow } from "./escape";
import { prepareReport, type PreparedClaim, type PreparedReport, type PreparedSource } from "./prepare";
import type { ReportData } from "./types";

/**
 * One row per claim, RFC 4180 (CRLF, double-quote quoting), UTF-8 with a byte-order mark because
 * Excel otherwise reads the file as the machine's legacy code page and mangles quotes and accents.
 * Multi-valued fields (sources, corrections) are one cell with one line per item.
 */

export const CSV_COLUMNS = [
  "claim_number",
  "claim_id",
  "status",
  "verdict",
  "verdict_code",
  "rating_value",
  "claimant",
  "claimant_type",
  "statement",
  "quote",
  "context_before",
  "context_after",
  "claim_date",
  "how_we_checked",
  "source_count",
  "sources",
  "approved_by",
  "approved_at",
  "corrected_at",
  "corrections",
  "claim_url",
  "article_title",
  "article_publisher",
  "article_url",
] as const;

const BOM = "\uFEFF";
const CRLF = "\r\n";

export function renderCsv(data: ReportData): string {
  const report = prepareReport(data);
  const rows = [csvRow(CSV_COLUMNS), ...report.claims.map((claim) => csvRow(claimCells(report, claim)))];
  return `${BOM}${rows.join(CRLF)}${CRLF}`;
}

function claimCells(report: PreparedReport, claim: PreparedClaim): Array<string | number | null> {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    claim_number: claim.number,
    claim_id: claim.id,
    status: claim.status,
    verdict: claim.verdictInfo.label,
    verdict_code: claim.verdict,
    rating_value: claim.verdictInfo.rating,
    claimant: claim.claimant,
    claimant_type: claim.claimant === null ? null : claim.claimantType,
    statement: claim.statement,
    quote: claim.exact,
    context_before: (claim.context.isBeforeClipped ? "…" : "") + claim.context.before,
    context_after: claim.context.after + (claim.context.isAfterClipped ? "…" : ""),
    claim_date: claim.claimDate,
    how_we_checked: claim.rationale,
    source_count: claim.sources.length,
    sources: claim.sources.map((source, index) => sourceLine(source, index + 1)).join("\n"),
    approved_by: claim.approvedBy,
    approved_at: claim.approvedAt,
    corrected_at: claim.dateModified,
    corrections: claim.corrections
      .map((c) => `${c.date}: ${c.fromInfo.label} → ${c.toInfo.label}. ${collapseWhitespace(c.note)}`)
      .join("\n"),
    claim_url: claim.url,
    article_title: report.article.title,
    article_publisher: report.article.publisher,
    article_url: report.article.url,
  };
  return CSV_COLUMNS.map((column) => cells[column]);
}

function sourceLine(source: PreparedSource, number: number): string {
  const parts = [
    source.title,
    source.publisher,
    source.url,
    source.accessedAt === null ? null : `accessed ${source.accessedAt}`,
    source.quote === null ? null : `“${source.quote}”`,
  ]
    // One line per source: its own line breaks would make the list ambiguous.
    .map((part) => (part === null ? "" : collapseWhitespace(part)))
    .filter((part) => part !== "");
  return `${number}. ${source.internal ? "[INTERNAL] " : ""}${parts.join(" — ")}`;
}
