import { BEST_RATING, VERDICTS, VERDICT_INFO, WORST_RATING, type Verdict } from "../claims/verdicts";
import { stringifyJsonSafe } from "./escape";
import { prepareReport, type PreparedReport } from "./prepare";
import type { ReportClaimStatus, ReportData, ReportFigure, ReportVariant } from "./types";

/**
 * The JSON export. Its shape is a published contract (docs/report-json.md): add fields freely,
 * but renaming, removing or changing the meaning of one requires bumping REPORT_JSON_VERSION.
 */

export const REPORT_JSON_FORMAT = "fact-check-report";
export const REPORT_JSON_VERSION = 1;

export interface ReportJsonVerdict {
  code: Verdict;
  label: string;
  /** On the worstRating..bestRating scale, or null for a text-only verdict. */
  rating: number | null;
}

export interface ReportJsonSource {
  title: string;
  publisher: string | null;
  /** As stored. */
  url: string;
  /** Whether `url` is an http(s) URL that may be offered as a link. */
  isLinkable: boolean;
  accessedAt: string | null;
  quote: string | null;
  kind: "primary" | "secondary";
  /** Always false in the public variant, which leaves internal sources out altogether. */
  internal: boolean;
}

export interface ReportJsonCorrection {
  claimId: string;
  claimNumber: number;
  date: string;
  from: ReportJsonVerdict;
  to: ReportJsonVerdict;
  note: string;
}

export interface ReportJsonClaim {
  id: string;
  number: number;
  url: string;
  status: ReportClaimStatus;
  position: number;
  quote: { before: string; exact: string; after: string };
  claimant: { name: string; type: "Person" | "Organization" } | null;
  statement: string;
  claimDate: string | null;
  verdict: ReportJsonVerdict;
  rationale: string;
  sources: ReportJsonSource[];
  approvedBy: string | null;
  approvedAt: string | null;
  dateModified: string | null;
  /** Added within version 1: the figures the claim states (docs/report-json.md). */
  figures: ReportFigure[];
}

export interface ReportJson {
  format: typeof REPORT_JSON_FORMAT;
  version: typeof REPORT_JSON_VERSION;
  variant: ReportVariant;
  generatedAt: string;
  reportUrl: string;
  firstPublishedAt: string | null;
  modifiedAt: string | null;
  organization: { name: string; url: string };
  article: {
    id: string;
    title: string;
    slug: string;
    url: string | null;
    publisher: string | null;
    author: string | null;
    publishedAt: string | null;
  };
  ratingScale: {
    bestRating: number;
    worstRating: number;
    verdicts: Array<ReportJsonVerdict & { meaning: string; icon: string }>;
  };
  summary: {
    totalClaims: number;
    byVerdict: Record<Verdict, number>;
    byStatus: Record<ReportClaimStatus, number>;
  };
  claims: ReportJsonClaim[];
  corrections: ReportJsonCorrection[];
}

export function buildReportJson(data: ReportData): ReportJson {
  return reportJsonFor(prepareReport(data));
}

export function renderJson(data: ReportData): string {
  return `${stringifyJsonSafe(buildReportJson(data), 2)}\n`;
}

function reportJsonFor(report: PreparedReport): ReportJson {
  const byVerdict = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const row of report.verdictCounts) byVerdict[row.verdict] = row.count;

  return {
    format: REPORT_JSON_FORMAT,
    version: REPORT_JSON_VERSION,
    variant: report.variant,
    generatedAt: report.generatedAt,
    reportUrl: report.reportUrl,
    firstPublishedAt: report.firstPublishedAt,
    modifiedAt: report.modifiedAt,
    organization: { name: report.organization.name, url: report.organization.url },
    article: {
      id: report.article.id,
      title: report.article.title,
      slug: report.article.slug,
      url: report.article.url,
      publisher: report.article.publisher,
      author: report.article.author,
      publishedAt: report.article.publishedAt,
    },
    ratingScale: {
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      verdicts: VERDICTS.map((verdict) => ({
        ...verdictJson(verdict),
        meaning: VERDICT_INFO[verdict].meaning,
        icon: VERDICT_INFO[verdict].icon,
      })),
    },
    summary: {
      totalClaims: report.claims.length,
      byVerdict,
      byStatus: { ...report.statusCounts },
    },
    claims: report.claims.map((claim) => ({
      id: claim.id,
      number: claim.number,
      url: claim.url,
      status: claim.status,
      position: claim.position,
      // The stored context, not the clipped one the documents show: this export is for machines.
      quote: { before: claim.contextBefore, exact: claim.exact, after: claim.contextAfter },
      claimant: claim.claimant === null ? null : { name: claim.claimant, type: claim.claimantType },
      statement: claim.statement,
      claimDate: claim.claimDate,
      verdict: verdictJson(claim.verdict),
      rationale: claim.rationale,
      sources: claim.sources.map((source) => ({
        title: source.title,
        publisher: source.publisher,
        url: source.url,
        isLinkable: source.href !== null,
        accessedAt: source.accessedAt,
        quote: source.quote,
        kind: source.kind,
        internal: source.internal,
      })),
      approvedBy: claim.approvedBy,
      approvedAt: claim.approvedAt,
      dateModified: claim.dateModified,
      figures: claim.figures.map((f) => ({
        origin: f.origin,
        text: f.text,
        value: f.value,
        scale: f.scale,
        unit: f.unit,
        unitKind: f.unitKind,
        currency: f.currency,
        qualifier: f.qualifier,
        approximate: f.approximate,
        period: f.period,
        place: f.place,
        subject: f.subject,
        edited: f.edited,
      })),
    })),
    corrections: report.corrections.map((correction) => ({
      claimId: correction.claimId,
      claimNumber: correction.claimNumber,
      date: correction.date,
      from: verdictJson(correction.from),
      to: verdictJson(correction.to),
      note: correction.note,
    })),
  };
}

// Verdicts were validated by prepareReport, so the lookup cannot miss.
function verdictJson(verdict: Verdict): ReportJsonVerdict {
  const info = VERDICT_INFO[verdict];
  return { code: verdict, label: info.label, rating: info.rating };
}
