import { VERDICTS, VERDICT_INFO, isVerdict, type Verdict, type VerdictInfo } from "../claims/verdicts";
import { cpLength, cpToUtf16 } from "../text/code-points";
import { toSafeHttpUrl } from "./escape";
import { figuresText } from "./figure-text";
import type {
  ReportArticle,
  ReportClaim,
  ReportClaimStatus,
  ReportCorrection,
  ReportData,
  ReportFigure,
  ReportOrganization,
  ReportSource,
  ReportVariant,
} from "./types";

/**
 * The single place that decides what a report variant may contain. Every renderer takes
 * ReportData and calls prepareReport first; the rest of each renderer only ever sees a
 * PreparedReport, which cannot be built anywhere else (its brand is a type this module does not
 * export), so no format can show an unapproved claim or an internal source in the public variant.
 */

declare const preparedBrand: unique symbol;

export interface PreparedSource extends ReportSource {
  /** The link target, or null when `url` must be shown as plain text. */
  href: string | null;
}

export interface PreparedCorrection extends ReportCorrection {
  claimNumber: number;
  claimStatement: string;
  claimAnchor: string;
  fromInfo: VerdictInfo;
  toInfo: VerdictInfo;
}

export interface PreparedContext {
  /** Whitespace-collapsed, at most CONTEXT_LENGTH characters, clipped at a word boundary. */
  readonly before: string;
  readonly after: string;
  readonly isBeforeClipped: boolean;
  readonly isAfterClipped: boolean;
}

export interface PreparedClaim extends Omit<ReportClaim, "sources" | "figures"> {
  /** 1-based, in article order, within this variant. */
  number: number;
  /** The element id on the report page: "claim-" + id. */
  anchor: string;
  /** reportUrl + "#claim-" + id: the ClaimReview url. */
  url: string;
  verdictInfo: VerdictInfo;
  isApproved: boolean;
  context: PreparedContext;
  /** Internal variant only: why the quote may not match the current article text, or null. */
  anchorNote: string | null;
  sources: PreparedSource[];
  /** This claim's corrections, oldest first. */
  corrections: PreparedCorrection[];
  /** Date of the latest correction, if the verdict was ever corrected. */
  dateModified: string | null;
  /** The latest re-check (ISO) or null. */
  lastRecheckedAt: string | null;
  /** ClaimReview dateModified: the latest correction or re-check, whichever is later. */
  reviewModified: string | null;
  /** The claim's figures ([] in snapshots from before they were recorded). */
  figures: ReportFigure[];
  /** "Figures: 2.3% of GDP (defence spending, UK)", or null: on the page and in ClaimReview alike. */
  figuresText: string | null;
}

export interface VerdictCount {
  verdict: Verdict;
  info: VerdictInfo;
  count: number;
}

export interface PreparedReport {
  readonly [preparedBrand]: true;
  variant: ReportVariant;
  isInternal: boolean;
  article: ReportArticle & { href: string | null };
  organization: ReportOrganization & { href: string | null };
  reportUrl: string;
  generatedAt: string;
  firstPublishedAt: string | null;
  modifiedAt: string | null;
  claims: PreparedClaim[];
  /** Oldest first. */
  corrections: PreparedCorrection[];
  /** Every verdict of the scale, in scale order, with how many claims of this report carry it. */
  verdictCounts: VerdictCount[];
  statusCounts: Record<ReportClaimStatus, number>;
  /** The verdicts the report explains: the whole scale, plus "unverified" only if a claim has it. */
  ratingScale: Array<{ verdict: Verdict; info: VerdictInfo }>;
}

/** How much of the article is quoted either side of a claim. */
export const CONTEXT_LENGTH = 100;

export const STATUS_LABELS: Record<ReportClaimStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
};

export function prepareReport(data: ReportData): PreparedReport {
  // Anything that is not exactly "internal" gets the public treatment: a typo must not leak.
  const isInternal = data.variant === "internal";
  const reportUrl = withoutFragment(data.reportUrl);

  const visibleClaims = data.claims
    .filter((claim) => isInternal || claim.status === "approved")
    .sort((a, b) => a.position - b.position || compareStrings(a.id, b.id));

  const numberById = new Map<string, number>();
  visibleClaims.forEach((claim, index) => numberById.set(claim.id, index + 1));

  const claimsById = new Map(visibleClaims.map((claim) => [claim.id, claim]));
  const corrections: PreparedCorrection[] = data.corrections
    // A correction of a claim this variant does not show would reveal that claim.
    .filter((correction) => claimsById.has(correction.claimId))
    .map((correction) => {
      const claim = claimsById.get(correction.claimId) as ReportClaim;
      return {
        ...correction,
        claimNumber: numberById.get(claim.id) ?? 0,
        claimStatement: claim.statement,
        claimAnchor: anchorFor(claim.id),
        fromInfo: verdictInfo(correction.from, `correction of claim ${claim.id}`),
        toInfo: verdictInfo(correction.to, `correction of claim ${claim.id}`),
      };
    })
    .sort((a, b) => compareStrings(a.date, b.date) || a.claimNumber - b.claimNumber);

  // A report cites the same few sources many times: each URL is parsed once.
  const hrefs = new Map<string, string | null>();
  const safeHref = (url: string): string | null => {
    let href = hrefs.get(url);
    if (href === undefined) hrefs.set(url, (href = toSafeHttpUrl(url)));
    return href;
  };

  const correctionsByClaim = new Map<string, PreparedCorrection[]>();
  for (const correction of corrections) {
    const list = correctionsByClaim.get(correction.claimId);
    if (list) list.push(correction);
    else correctionsByClaim.set(correction.claimId, [correction]);
  }
  const claims: PreparedClaim[] = visibleClaims.map((claim, index) => {
    if (!Object.hasOwn(STATUS_LABELS, claim.status)) {
      throw new TypeError(`Unknown status ${JSON.stringify(claim.status)} of claim ${claim.id}`);
    }
    const own = correctionsByClaim.get(claim.id) ?? [];
    const latestCorrection = own.length > 0 ? (own[own.length - 1]?.date ?? null) : null;
    const anchor = anchorFor(claim.id);
    const sources: PreparedSource[] = [];
    for (const source of claim.sources) {
      // Fails closed: a source whose flag is missing or malformed counts as internal.
      if (isInternal || source.internal === false) sources.push({ ...source, href: safeHref(source.url) });
    }
    // Listed field by field rather than spread: a 1,000-claim report spent a tenth of its render
    // time copying claims through object spread (bench/report.bench.ts).
    const prepared: PreparedClaim = {
      id: claim.id,
      position: claim.position,
      exact: claim.exact,
      contextBefore: claim.contextBefore,
      contextAfter: claim.contextAfter,
      claimant: claim.claimant,
      claimantType: claim.claimantType,
      statement: claim.statement,
      claimDate: claim.claimDate,
      verdict: claim.verdict,
      rationale: claim.rationale,
      status: claim.status,
      approvedBy: claim.approvedBy,
      approvedAt: claim.approvedAt,
      number: index + 1,
      anchor,
      url: `${reportUrl}#${encodeURIComponent(anchor)}`,
      verdictInfo: verdictInfo(claim.verdict, `claim ${claim.id}`),
      isApproved: claim.status === "approved",
      context: new ClaimContext(claim.contextBefore, claim.contextAfter),
      anchorNote: isInternal ? anchorNote(claim.anchorState) : null,
      sources,
      corrections: own,
      dateModified: latestCorrection,
      lastRecheckedAt: claim.lastRecheckedAt ?? null,
      reviewModified: latestOf(latestCorrection, claim.lastRecheckedAt ?? null),
      figures: claim.figures ?? [],
      figuresText: figuresText(claim.figures),
    };
    if (claim.anchorState !== undefined) prepared.anchorState = claim.anchorState;
    if (claim.publishedAt !== undefined) prepared.publishedAt = claim.publishedAt;
    return prepared;
  });

  const verdictCounts = VERDICTS.map((verdict) => ({
    verdict,
    info: VERDICT_INFO[verdict],
    count: claims.filter((claim) => claim.verdict === verdict).length,
  }));

  const statusCounts: Record<ReportClaimStatus, number> = {
    draft: 0,
    in_review: 0,
    changes_requested: 0,
    approved: 0,
  };
  for (const claim of claims) statusCounts[claim.status] += 1;

  return {
    variant: isInternal ? "internal" : "public",
    isInternal,
    article: { ...data.article, href: toSafeHttpUrl(data.article.url) },
    organization: { ...data.organization, href: toSafeHttpUrl(data.organization.url) },
    reportUrl,
    generatedAt: data.generatedAt,
    firstPublishedAt: data.firstPublishedAt,
    modifiedAt: data.modifiedAt,
    claims,
    corrections,
    verdictCounts,
    statusCounts,
    ratingScale: VERDICTS.filter((verdict) => verdict !== "unverified" || claims.some((claim) => claim.verdict === verdict)).map(
      (verdict) => ({ verdict, info: VERDICT_INFO[verdict] }),
    ),
  } as PreparedReport;
}

// ---------------------------------------------------------------------------------------------

function verdictInfo(verdict: Verdict, where: string): VerdictInfo {
  // The type says Verdict, but the value crossed a database and possibly a JSON boundary; a
  // report that silently showed the wrong verdict would be worse than one that fails.
  if (!isVerdict(verdict)) throw new TypeError(`Unknown verdict ${JSON.stringify(verdict)} in ${where}`);
  return VERDICT_INFO[verdict];
}

function anchorFor(claimId: string): string {
  return `claim-${claimId}`;
}

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

/** Code-unit order, independent of locale, so output is stable everywhere. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the desk must know about a claim whose text no longer sits plainly in the article. */
function anchorNote(state: ReportClaim["anchorState"]): string | null {
  switch (state) {
    case "orphaned":
      return "Orphaned: the quoted text is no longer in the article. Re-attach the claim to the current text.";
    case "ambiguous":
      return "Ambiguous: the quoted text now appears in several places in the article.";
    case "changed":
      return "Text changed: the article now says what is quoted here, not what was marked.";
    default:
      return null;
  }
}

/**
 * A claim's context, clipped the first time a renderer reads it: the JSON and JSON-LD exports never
 * do, and clipping 1,000 contexts at word boundaries was a sixth of their export time. (A getter on
 * the claim object itself would turn every claim into a slow dictionary-mode object.)
 */
class ClaimContext implements PreparedContext {
  readonly #before: string;
  readonly #after: string;
  #clipped: PreparedContext | undefined;

  constructor(before: string, after: string) {
    this.#before = before;
    this.#after = after;
  }

  get before(): string {
    return this.#clip().before;
  }

  get after(): string {
    return this.#clip().after;
  }

  get isBeforeClipped(): boolean {
    return this.#clip().isBeforeClipped;
  }

  get isAfterClipped(): boolean {
    return this.#clip().isAfterClipped;
  }

  #clip(): PreparedContext {
    return (this.#clipped ??= prepareContext(this.#before, this.#after));
  }

  /** Its fields are getters: serialised (JSON.stringify, a snapshot), it is the clipped context. */
  toJSON(): PreparedContext {
    return this.#clip();
  }
}

function prepareContext(before: string, after: string): PreparedContext {
  // Keep the single space that separates the context from the quote, if there was one.
  const rawBefore = before.replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/g, " ");
  const rawAfter = after.replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/g, " ");
  const clippedBefore = clipStart(rawBefore);
  const clippedAfter = clipEnd(rawAfter);
  return {
    before: clippedBefore.text,
    after: clippedAfter.text,
    isBeforeClipped: clippedBefore.clipped,
    isAfterClipped: clippedAfter.clipped,
  };
}

// Cuts fall between words ("…the budget"), or between graphemes inside a run with no word break
// (a long URL, text without spaces), never inside a word or a grapheme cluster (an emoji sequence,
// a letter and its accents). The data layer hands over a little more than CONTEXT_LENGTH when the
// article goes on, so that a context longer than CONTEXT_LENGTH means "clip it, with an ellipsis".
const WORDS = new Intl.Segmenter("en", { granularity: "word" });
const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The first segment boundary at or after `index` (`index` < text.length). */
function boundaryAtOrAfter(segmenter: Intl.Segmenter, text: string, index: number): number {
  const segment = segmenter.segment(text).containing(index);
  if (segment === undefined) return text.length;
  return segment.index === index ? index : segment.index + segment.segment.length;
}

/** The last segment boundary at or before `index` (`index` < text.length). */
function boundaryAtOrBefore(segmenter: Intl.Segmenter, text: string, index: number): number {
  return segmenter.segment(text).containing(index)?.index ?? 0;
}

// `text.length` counts UTF-16 units, never fewer than code points: a short string needs no
// further counting. `containing()` asks the segmenter about one position, instead of listing every
// segment of the text (which was four fifths of a 1,000-claim report's render time).
function clipStart(text: string): { text: string; clipped: boolean } {
  const cut = text.length <= CONTEXT_LENGTH ? 0 : cpToUtf16(text, Math.max(0, cpLength(text) - CONTEXT_LENGTH));
  if (cut === 0) return { text: text.trimStart(), clipped: false };
  const word = boundaryAtOrAfter(WORDS, text, cut);
  // A word that would take away more than half of the context is cut between its graphemes.
  const start = word - cut <= CONTEXT_LENGTH / 2 ? word : boundaryAtOrAfter(GRAPHEMES, text, cut);
  return { text: text.slice(start).trimStart(), clipped: true };
}

function clipEnd(text: string): { text: string; clipped: boolean } {
  const cut = text.length <= CONTEXT_LENGTH ? text.length : cpToUtf16(text, CONTEXT_LENGTH);
  if (cut === text.length) return { text: text.trimEnd(), clipped: false };
  const word = boundaryAtOrBefore(WORDS, text, cut);
  const end = cut - word <= CONTEXT_LENGTH / 2 ? word : boundaryAtOrBefore(GRAPHEMES, text, cut);
  return { text: text.slice(0, end).trimEnd(), clipped: true };
}

/** The later of two ISO times (either may be missing). */
function latestOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
