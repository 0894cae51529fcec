/**
 * Re-anchoring claims on a new revision (docs/anchoring.md §3).
 *
 * Order of evidence, strongest first:
 *   1. identical text: nothing moves;
 *   2. one character diff old → new, computed once for all claims: start is mapped sticking
 *      right and end sticking left, so an insertion at either edge never grows a claim;
 *   3. exact search for the quote, accepted near the old place or where the context agrees;
 *   4. approximate search (quotes of 12+ characters), near the old place or where the context
 *      agrees;
 *   5. otherwise orphaned, keeping the last good position.
 * The searches never accept text the diff kept unchanged: it already stood elsewhere in the old
 * revision, beside the claim, so it is a lookalike and not where the claim went.
 * Only a slice equal to the quote (or equal after folding) is ever `anchored`. Unlike a
 * Hypothesis-style search there are minimum scores, so a corrected "10,000" is reported as
 * `changed` in place instead of jumping to another paragraph that still says "10,000".
 *
 * Offsets in and out are code points; the diff and the string searches work in UTF-16 units and
 * are converted through CodePointIndex. Pure module: safe in the browser.
 *
 * This file holds the entry and the decision for each claim; the diff and its position map are in
 * diff-map.ts, the searches in quote-search.ts, the similarity measure in similarity.ts, and what
 * a revision does to the stored claims (states, review, audit) is planned in plan-reanchor.ts.
 */
import { CodePointIndex, cpLength } from "../text/code-points";
import { foldForComparison, tidySpan, type Anchor, type AnchorState } from "./anchor";
import { computeDiff, DiffMap } from "./diff-map";
import { DISTINCTIVE_QUOTE_LENGTH, type Place, QuoteSearch } from "./quote-search";
import { similarity } from "./similarity";

export type ReanchorMethod = "identical" | "diff" | "diff-folded" | "diff-changed" | "exact-search" | "fuzzy" | "none";

export interface ClaimToReanchor {
  id: string;
  /** The anchor in the revision passed as `oldText`. */
  anchor: Anchor;
}

export interface ReanchorResult {
  id: string;
  state: AnchorState;
  /** Code points in the new text; for `orphaned`, the previous position (last good place). */
  start: number;
  end: number;
  /** The new slice, or the old `exact` when orphaned. */
  text: string;
  method: ReanchorMethod;
  /**
   * 1 when anchored; similarity of `text` to the quote for `changed`; agreement of the
   * surrounding text with the stored prefix/suffix for exact-search results; null when orphaned.
   * All scores are in 0..1.
   */
  score: number | null;
  previous: { start: number; end: number };
  /** How many acceptable places a search found (searches only). */
  candidates?: number;
}

const CHANGED_MIN_SIMILARITY = 0.5;
const NEAR_MIN_DISTANCE = 2000;
const NEAR_LENGTH_FACTOR = 4;
const FUZZY_MIN_LENGTH = 12;
/** A short figure rewritten in place may grow by this much and still count as its own text. */
const REWRITE_SLACK = 8;
const HAS_DIGIT = /\p{N}/u;
const FUZZY_MAX_ERRORS = 64;
const FUZZY_MAX_ERROR_SHARE = 0.25;
/** Places whose scores differ by less than this are "equally good": the claim is ambiguous. */
const EQUALLY_GOOD_MARGIN = 0.1;

export function reanchorClaims(oldText: string, newText: string, claims: ClaimToReanchor[]): ReanchorResult[] {
  const newIndex = new CodePointIndex(newText);
  if (oldText === newText) return claims.map((claim) => keepInPlace(claim, newIndex));

  const oldIndex = new CodePointIndex(oldText);
  const map = new DiffMap(computeDiff(oldText, newText));
  const search = new QuoteSearch(newText, newIndex, map);
  return claims.map((claim) => reanchorClaim(claim, oldIndex, newIndex, map, search));
}

// ---------------------------------------------------------------------------------------------

function keepInPlace({ id, anchor }: ClaimToReanchor, index: CodePointIndex): ReanchorResult {
  const previous = { start: anchor.start, end: anchor.end };
  if (!fitsText(anchor, index.length)) return orphan(id, anchor);
  const text = index.slice(anchor.start, anchor.end);
  const base = { id, start: anchor.start, end: anchor.end, text, method: "identical" as const, previous };
  if (text === anchor.exact || foldForComparison(text) === foldForComparison(anchor.exact)) {
    return { ...base, state: "anchored", score: 1 };
  }
  // The claim was already `changed` in the revision it is anchored in; it stays so.
  return { ...base, state: "changed", score: similarity(anchor.exact, text) };
}

function fitsText(anchor: Anchor, length: number): boolean {
  return (
    Number.isInteger(anchor.start) &&
    Number.isInteger(anchor.end) &&
    anchor.start >= 0 &&
    anchor.start < anchor.end &&
    anchor.end <= length &&
    anchor.exact !== ""
  );
}

function orphan(id: string, anchor: Anchor): ReanchorResult {
  const previous = { start: anchor.start, end: anchor.end };
  return { id, state: "orphaned", ...previous, text: anchor.exact, method: "none", score: null, previous };
}

function reanchorClaim(
  { id, anchor }: ClaimToReanchor,
  oldIndex: CodePointIndex,
  newIndex: CodePointIndex,
  map: DiffMap,
  search: QuoteSearch,
): ReanchorResult {
  if (!fitsText(anchor, oldIndex.length)) return orphan(id, anchor);
  const previous = { start: anchor.start, end: anchor.end };
  const { exact } = anchor;
  const mappedStart = map.mapStart(oldIndex.toUtf16(anchor.start));
  const mappedEnd = map.mapEnd(oldIndex.toUtf16(anchor.end));
  // A position inside a surrogate pair cannot happen with whole-pair diffs, but rounding
  // outwards keeps a claim from ever cutting a character in half.
  const start = newIndex.toCp(mappedStart.at);
  const end = roundUpToCp(newIndex, mappedEnd.at);

  const quoteLength = cpLength(exact);
  const reach = Math.max(NEAR_MIN_DISTANCE, NEAR_LENGTH_FACTOR * quoteLength);

  let slice: string | undefined;
  if (start < end) {
    slice = newIndex.slice(start, end);
    const placed = { id, start, end, text: slice, previous };
    if (slice === exact) return { ...placed, state: "anchored", method: "diff", score: 1 };
    if (foldForComparison(slice) === foldForComparison(exact)) {
      return { ...placed, state: "anchored", method: "diff-folded", score: 1 };
    }
  }
  // A diff is one of several equally cheap alignments: text inserted next to a claim that
  // repeats its edge ("2.3 per cent" + " per cent"), or edits on both sides of it, can come out
  // as the claim deleted and inserted again. A quote intact in the stretch of new text that
  // stands between the same unchanged neighbours has not moved.
  const [from16, to16] = map.neighbourhood(oldIndex.toUtf16(anchor.start), oldIndex.toUtf16(anchor.end));
  const intact = search.exactInPlace(anchor, from16, to16, mappedStart.at, reach);
  if (intact) return { id, ...intact, text: exact, previous, state: "anchored", method: "diff", score: 1 };
  if (slice !== undefined && mappedStart.survived && mappedEnd.survived) {
    const score = similarity(exact, slice);
    // Both edges survived, so the text right around the claim is as it was: what stands between
    // them is the claim's own text, corrected. A short figure rewritten outright ("3" → "4") is as
    // much `changed` in place as a similar quote, and far better than a search that would take
    // another figure of the same revision for it. (A short word replaced by another word is left
    // to the searches: "Linus" → "Linux users" is a different thing, not a corrected figure.)
    const rewrittenInPlace =
      quoteLength < DISTINCTIVE_QUOTE_LENGTH &&
      end - start <= 2 * quoteLength + REWRITE_SLACK &&
      HAS_DIGIT.test(exact) &&
      HAS_DIGIT.test(slice);
    if (score >= CHANGED_MIN_SIMILARITY || rewrittenInPlace) {
      // Cut as marking cuts: the replacement may have brought a space or half a word along.
      const [s16, e16] = tidySpan(newIndex.text, newIndex.toUtf16(start), newIndex.toUtf16(end));
      if (s16 < e16) {
        const tidy = { start: newIndex.toCp(s16), end: newIndex.toCp(e16), text: newIndex.text.slice(s16, e16) };
        return { id, ...tidy, previous, state: "changed", method: "diff-changed", score: similarity(exact, tidy.text) };
      }
    }
  }

  const around = Math.min(start, end);

  const exactHits = search.exactPlaces(anchor, around, reach);
  if (exactHits.length > 0) return placeBySearch(id, anchor, exactHits, "exact-search", previous, search);

  if (quoteLength >= FUZZY_MIN_LENGTH) {
    const maxErrors = Math.min(FUZZY_MAX_ERRORS, Math.floor(quoteLength * FUZZY_MAX_ERROR_SHARE));
    const fuzzyHits = search.approximatePlaces(anchor, around, reach, maxErrors);
    if (fuzzyHits.length > 0) return placeBySearch(id, anchor, fuzzyHits, "fuzzy", previous, search);
  }
  return orphan(id, anchor);
}

function roundUpToCp(index: CodePointIndex, u16: number): number {
  const cp = index.toCp(u16);
  return index.toUtf16(cp) < u16 ? cp + 1 : cp;
}

/** `places` are acceptable, non-overlapping and sorted best first (see QuoteSearch.rank). */
function placeBySearch(
  id: string,
  anchor: Anchor,
  places: Place[],
  method: "exact-search" | "fuzzy",
  previous: { start: number; end: number },
  search: QuoteSearch,
): ReanchorResult {
  const best = places[0] as Place;
  const equallyGood = places.filter((p) => p.errors === best.errors && best.context - p.context < EQUALLY_GOOD_MARGIN);
  // Among equally good places the nearest is shown, but the state says a person must choose.
  const nearest = equallyGood.reduce((a, b) => (b.distance < a.distance ? b : a));
  const shown = method === "fuzzy" ? search.toWholeWords(nearest) : nearest;
  const base = { id, start: shown.start, end: shown.end, text: shown.text, method, previous };
  if (equallyGood.length > 1) {
    const score = method === "fuzzy" ? similarity(anchor.exact, shown.text) : shown.context;
    return { ...base, state: "ambiguous", score, candidates: equallyGood.length };
  }
  if (method === "exact-search") {
    return { ...base, state: "relocated", score: shown.context, candidates: places.length };
  }
  return { ...base, state: "changed", score: similarity(anchor.exact, shown.text), candidates: places.length };
}

// Callers and tests that measured similarity through this module keep doing so.
export { similarity } from "./similarity";
