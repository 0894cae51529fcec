import type { FigureOrigin, FigureQualifier, FigureUnitKind } from "@/domain/vocabulary";
import type { AnchorState } from "../anchoring/anchor";
import type { Verdict } from "../claims/verdicts";

/**
 * The input every report renderer takes. It is a plain snapshot assembled by the data layer; the
 * renderers never see a database row and never decide what a variant may show (prepare.ts does).
 */

export interface ReportSource {
  title: string;
  publisher: string | null;
  /** As stored. Only http/https URLs become links; anything else is shown as plain text. */
  url: string;
  /** YYYY-MM-DD */
  accessedAt: string | null;
  quote: string | null;
  kind: "primary" | "secondary";
  /** Internal sources are named only to the desk: naming them publicly could endanger someone. */
  internal: boolean;
  /**
   * The public page only, added when it is served (never stored in a snapshot): the address of the
   * copy the desk kept, while the live link is broken (lib/sources/public-archive.ts).
   */
  archiveUrl?: string;
}

/** A figure the claim states (issue 12), as the desk read it or an editor corrected it. */
export interface ReportFigure {
  /** Read from the marked text ("text") or from the desk's statement ("statement"). */
  origin: FigureOrigin;
  /** The words it was read from. */
  text: string;
  value: number;
  scale: number;
  unit: string | null;
  unitKind: FigureUnitKind;
  /** ISO 4217 code for money, else null. */
  currency: string | null;
  qualifier: FigureQualifier | null;
  approximate: boolean;
  period: string | null;
  place: string | null;
  subject: string | null;
  /** An editor corrected how it was read. */
  edited: boolean;
}

export type ReportClaimStatus = "draft" | "in_review" | "changes_requested" | "approved";

export interface ReportClaim {
  id: string;
  /** Code-point offset of the quote in the article text: the report lists claims in article order. */
  position: number;
  exact: string;
  /** Where the claim stands in the current text; absent in snapshots stored before it was recorded. */
  anchorState?: AnchorState;
  contextBefore: string;
  contextAfter: string;
  claimant: string | null;
  claimantType: "Person" | "Organization";
  statement: string;
  /** When the claim was made (YYYY-MM-DD or ISO). */
  claimDate: string | null;
  verdict: Verdict;
  /** "How we checked". */
  rationale: string;
  status: ReportClaimStatus;
  approvedBy: string | null;
  /** ISO */
  approvedAt: string | null;
  /** ISO: the latest approved re-check of this verdict (verdicts expire, lib/recheck/); absent if never. */
  lastRecheckedAt?: string | null;
  /** ISO: the first publication of the report that carried this claim (set when publishing). */
  publishedAt?: string | null;
  sources: ReportSource[];
  /** The claim's figures; absent in snapshots stored before figures were recorded. */
  figures?: ReportFigure[];
}

export interface ReportCorrection {
  claimId: string;
  /** ISO */
  date: string;
  from: Verdict;
  to: Verdict;
  note: string;
}

export type ReportVariant = "public" | "internal";

export interface ReportArticle {
  id: string;
  title: string;
  slug: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
}

export interface ReportOrganization {
  name: string;
  url: string;
}

export interface ReportData {
  variant: ReportVariant;
  article: ReportArticle;
  organization: ReportOrganization;
  /** The public page, e.g. https://desk.example/reports/slug; claims are anchored as #claim-<id>. */
  reportUrl: string;
  /** ISO; the only clock the renderers read, so that output is reproducible. */
  generatedAt: string;
  firstPublishedAt: string | null;
  modifiedAt: string | null;
  claims: ReportClaim[];
  corrections: ReportCorrection[];
}

export type ReportFormat = "md" | "html" | "pdf" | "csv" | "json" | "jsonld";

export interface ReportFormatInfo {
  label: string;
  contentType: string;
  extension: string;
}

export const REPORT_FORMATS = {
  md: { label: "Markdown", contentType: "text/markdown; charset=utf-8", extension: "md" },
  html: { label: "HTML", contentType: "text/html; charset=utf-8", extension: "html" },
  pdf: { label: "PDF", contentType: "application/pdf", extension: "pdf" },
  csv: { label: "CSV", contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { label: "JSON", contentType: "application/json; charset=utf-8", extension: "json" },
  jsonld: {
    label: "ClaimReview JSON-LD",
    contentType: "application/ld+json; charset=utf-8",
    extension: "jsonld",
  },
} as const satisfies Record<ReportFormat, ReportFormatInfo>;

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && Object.hasOwn(REPORT_FORMATS, value);
}
