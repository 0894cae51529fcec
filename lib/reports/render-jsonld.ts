import { BEST_RATING, WORST_RATING } from "../claims/verdicts";
import { collapseWhitespace, stringifyJsonSafe } from "./escape";
import { prepareReport, type PreparedClaim, type PreparedReport } from "./prepare";
import type { ReportData } from "./types";

/**
 * schema.org ClaimReview, one object per approved claim (docs/claimreview.md). Fact-check search tools
 * read this, so it only ever describes verdicts a reviewer approved, whatever the variant.
 */

export interface ClaimReviewRating {
  "@type": "Rating";
  /** Present only for verdicts on the true/false line (VERDICT_INFO.rating not null). */
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
  /** The verdict label, always. */
  alternateName: string;
}

export interface ClaimReviewJsonLd {
  "@context": "https://schema.org";
  "@type": "ClaimReview";
  url: string;
  claimReviewed: string;
  datePublished?: string;
  dateModified?: string;
  author: { "@type": "Organization"; name: string; url: string };
  itemReviewed: {
    "@type": "Claim";
    /** The figures the claim states, in words (schema.org Thing.description); also on the page. */
    description?: string;
    author?: { "@type": "Person" | "Organization"; name: string };
    datePublished?: string;
    appearance?: { "@type": "CreativeWork"; url: string };
  };
  reviewRating: ClaimReviewRating;
}

/** docs/claimreview.md: claimReviewed is "under 75 characters". */
export const CLAIM_REVIEWED_MAX_LENGTH = 74;

export function buildClaimReviews(data: ReportData): ClaimReviewJsonLd[] {
  return claimReviewsFor(prepareReport(data));
}

/** For renderers that already hold the prepared report (the HTML export embeds the same array). */
export function claimReviewsFor(report: PreparedReport): ClaimReviewJsonLd[] {
  return report.claims.filter((claim) => claim.isApproved).map((claim) => claimReview(report, claim));
}

/** The .jsonld export: a pretty-printed array, with the same escaping as the embedded copy. */
export function renderJsonLd(data: ReportData): string {
  return `${stringifyJsonSafe(buildClaimReviews(data), 2)}\n`;
}

/**
 * Serialises a value for the body of <script type="application/ld+json">: `<`, `>`, `&`, U+2028
 * and U+2029 are written as \uXXXX, so no stored text can close the element.
 */
export function jsonLdForScript(value: unknown): string {
  return stringifyJsonSafe(value);
}

/**
 * The claim in under 75 characters, cut at a word boundary with an ellipsis. Length is counted in
 * UTF-16 code units, the strictest count a consumer might use, and the cut never splits a
 * grapheme (an emoji or a letter with its accent).
 */
export function toClaimReviewed(statement: string, maxLength = CLAIM_REVIEWED_MAX_LENGTH): string {
  const text = collapseWhitespace(statement);
  if (text.length <= maxLength) return text;
  const budget = maxLength - 1; // room for "…"
  // Cutting just before a space cannot split a grapheme, so the common case needs no segmenter.
  // A boundary in the first half would throw most of the text away: cut mid-word instead.
  const space = text[budget] === " " ? budget : text.lastIndexOf(" ", budget - 1);
  const cut = space > budget / 2 ? text.slice(0, space) : hardCut(text, budget);
  return `${cut.replace(/[\s,;:.!?\-–—…]+$/u, "") || cut}…`;
}

/** Cut mid-word, at a grapheme boundary (never inside an emoji or between a letter and its accent). */
function hardCut(text: string, budget: number): string {
  let cut = "";
  // Only the head can be kept; the slack covers the longest plausible grapheme (emoji sequences).
  for (const { segment } of graphemes().segment(text.slice(0, budget + 64))) {
    if (cut.length + segment.length > budget) break;
    cut += segment;
  }
  return cut;
}

let segmenter: Intl.Segmenter | null = null;

/** Building a Segmenter costs far more than using one; a report may shorten thousands of claims. */
function graphemes(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return segmenter;
}

function claimReview(report: PreparedReport, claim: PreparedClaim): ClaimReviewJsonLd {
  const info = claim.verdictInfo;
  const reviewRating: ClaimReviewRating =
    info.rating === null
      ? { "@type": "Rating", alternateName: info.label }
      : {
          "@type": "Rating",
          ratingValue: info.rating,
          bestRating: BEST_RATING,
          worstRating: WORST_RATING,
          alternateName: info.label,
        };

  const claimant = claim.claimant === null ? "" : collapseWhitespace(claim.claimant);
  const itemReviewed: ClaimReviewJsonLd["itemReviewed"] = { "@type": "Claim" };
  if (claimant !== "") {
    itemReviewed.author = {
      "@type": claim.claimantType === "Organization" ? "Organization" : "Person",
      name: claimant,
    };
  }
  if (claim.claimDate !== null) itemReviewed.datePublished = claim.claimDate;
  if (claim.figuresText !== null) itemReviewed.description = collapseWhitespace(claim.figuresText);
  // An unsafe article URL is left out rather than published as a link target.
  if (report.article.href !== null) {
    itemReviewed.appearance = { "@type": "CreativeWork", url: report.article.href };
  }

  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: claim.url,
    claimReviewed: toClaimReviewed(claimReviewedSource(claim)),
    // When this claim's review was first published (a claim added in a later publication has a
    // later date), else the report's first publication; an unpublished preview has no honest value.
    ...((claim.publishedAt ?? report.firstPublishedAt) ? { datePublished: (claim.publishedAt ?? report.firstPublishedAt)! } : {}),
    ...(claim.reviewModified === null ? {} : { dateModified: claim.reviewModified }),
    author: {
      "@type": "Organization",
      name: report.organization.name,
      url: report.organization.url,
    },
    itemReviewed,
    reviewRating,
  };
}

function claimReviewedSource(claim: PreparedClaim): string {
  if (collapseWhitespace(claim.statement) !== "") return claim.statement;
  if (collapseWhitespace(claim.exact) !== "") return claim.exact;
  return `Claim ${claim.number}`;
}
