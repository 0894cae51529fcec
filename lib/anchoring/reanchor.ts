/**
 * Re-anchoring claims on a new revision (ANCHORING.md §3).
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
 */
import {
  cleanupEfficiency,
  cleanupSemantic,
  DIFF_DELETE,
  DIFF_EQUAL,
  DIFF_INSERT,
  makeDiff,
  type Diff,
} from "@sanity/diff-match-patch";
import approximateSearch from "approx-string-match";
import { CodePointIndex, cpLength } from "../text/code-points";
import { foldForComparison, snapToWords, type Anchor, type AnchorState } from "./anchor";

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

/** ANCHORING.md: a 1 s cap on the diff; past it the diff is coarser but still correct. */
const DIFF_TIMEOUT_MS = 1000;
const CHANGED_MIN_SIMILARITY = 0.5;
const CONTEXT_MIN_AGREEMENT = 0.5;
const NEAR_MIN_DISTANCE = 2000;
const NEAR_LENGTH_FACTOR = 4;
const FUZZY_MIN_LENGTH = 12;
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
  const intact = search.exactInPlace(exact, from16, to16, mappedStart.at, reach);
  if (intact) return { id, ...intact, text: exact, previous, state: "anchored", method: "diff", score: 1 };
  if (slice !== undefined && mappedStart.survived && mappedEnd.survived) {
    const score = similarity(exact, slice);
    if (score >= CHANGED_MIN_SIMILARITY) {
      return { id, start, end, text: slice, previous, state: "changed", method: "diff-changed", score };
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

// ---------------------------------------------------------------------------------------------
// The diff and the position map through it

/**
 * The character diff is cleaned with cleanupEfficiency, not cleanupSemantic: it drops matches of
 * fewer than four characters wedged between edits (coincidental letters inside rewritten text,
 * which would make a claim's edge look as if it survived) but keeps every longer unchanged run.
 * cleanupSemantic also drops an unchanged run shorter than the edits around it, so a claim kept
 * verbatim between two edited stretches would look deleted and come back as "relocated".
 *
 * dmp's line mode (diff paragraphs first, then characters inside the replaced blocks), with two
 * changes that keep the whole diff within the speed budget:
 * - a replaced block whose old and new wording share almost no word pairs is kept as
 *   delete + insert instead of being diffed character by character. Such a diff costs O(N·D)
 *   and only finds coincidental letters;
 * - a replaced block is diffed sentence by sentence before character by character, and a large
 *   run of changed sentences gets only a share of the time limit (past it, it counts as
 *   replaced), so one huge block cannot spend the whole second.
 */
function computeDiff(a: string, b: string): Diff[] {
  const deadline = Date.now() + DIFF_TIMEOUT_MS;
  let prefix = commonPrefixLength(a, b);
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  let suffix = commonSuffixLength(a, b, prefix);
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;

  const diffs: Diff[] = [];
  if (prefix > 0) diffs.push([DIFF_EQUAL, a.slice(0, prefix)]);
  diffs.push(
    ...diffByTokens(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix), splitLines, deadline, (d, i) =>
      diffBlock(d, i, deadline),
    ),
  );
  if (suffix > 0) diffs.push([DIFF_EQUAL, a.slice(a.length - suffix)]);
  return cleanupEfficiency(diffs);
}

/** Blocks larger than this get a share of the time limit only; see computeDiff. */
const LARGE_BLOCK = 4000;
const LARGE_BLOCK_BUDGET_MS = 100;

/**
 * A replaced run of paragraphs is diffed sentence by sentence before character by character:
 * unchanged sentences come out whole, and the character diff (O(N·D)) only runs on groups of
 * changed sentences that still share wording with their old version, which is what keeps a 20 %
 * rewrite fast. A huge unrelated block (a replaced article) skips even the sentence diff.
 */
function diffBlock(deleted: string, inserted: string, deadline: number): Diff[] {
  if (deleted.length + inserted.length <= SMALL_BLOCK) return diffCharacters(deleted, inserted, deadline);
  if (deleted.length + inserted.length > LARGE_BLOCK && !isWorthCharacterDiff(deleted, inserted)) {
    return replaced(deleted, inserted);
  }
  return diffByTokens(deleted, inserted, splitSentences, deadline, (d, i) => {
    if (!isWorthCharacterDiff(d, i)) return replaced(d, i);
    const budget = d.length + i.length > LARGE_BLOCK ? LARGE_BLOCK_BUDGET_MS : DIFF_TIMEOUT_MS;
    return diffCharacters(d, i, Math.min(deadline, Date.now() + budget));
  });
}

function diffCharacters(deleted: string, inserted: string, deadline: number): Diff[] {
  if (Date.now() >= deadline) return replaced(deleted, inserted);
  return makeDiff(deleted, inserted, { checkLines: false, timeout: secondsLeft(deadline) });
}

function replaced(deleted: string, inserted: string): Diff[] {
  return [
    [DIFF_DELETE, deleted],
    [DIFF_INSERT, inserted],
  ];
}

/**
 * Diffs two texts as sequences of tokens (lines or sentences), then hands every block where
 * tokens were replaced to `refine`. Pure insertions and deletions need no refinement.
 */
function diffByTokens(
  a: string,
  b: string,
  split: (text: string) => string[],
  deadline: number,
  refine: (deleted: string, inserted: string) => Diff[],
): Diff[] {
  if (a === "" && b === "") return [];
  if (a === "") return [[DIFF_INSERT, b]];
  if (b === "") return [[DIFF_DELETE, a]];
  const { chars1, chars2, tokens } = tokensToChars(split(a), split(b));
  // As in dmp's line mode: absorb freak matches of blank lines or short tokens between edits,
  // so that a paragraph that was split or merged comes out as one replaced block to refine.
  const tokenDiffs = cleanupSemantic(
    makeDiff(chars1, chars2, { checkLines: false, timeout: secondsLeft(deadline) }).map(([op, chars]): Diff => [
      op,
      Array.from(chars, (c) => tokens[c.charCodeAt(0)] ?? "").join(""),
    ]),
  );

  const out: Diff[] = [];
  let deleted = "";
  let inserted = "";
  const flushBlock = (): void => {
    if (deleted !== "" && inserted !== "") out.push(...refine(deleted, inserted));
    else if (deleted !== "") out.push([DIFF_DELETE, deleted]);
    else if (inserted !== "") out.push([DIFF_INSERT, inserted]);
    deleted = "";
    inserted = "";
  };
  for (const [op, text] of tokenDiffs) {
    if (op === DIFF_DELETE) deleted += text;
    else if (op === DIFF_INSERT) inserted += text;
    else {
      flushBlock();
      out.push([op, text]);
    }
  }
  flushBlock();
  return out;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Sentences with their trailing punctuation, closing quotes and whitespace; lines end one too. */
function splitSentences(text: string): string[] {
  return text.match(/[^\n.!?…]*(?:[.!?…]+["'”’)\]]*[^\S\n]*|\n|$)/g)?.filter((t) => t !== "") ?? [];
}

function secondsLeft(deadline: number): number {
  // makeDiff treats 0 as "no limit", so never pass less than a millisecond.
  return Math.max(0.001, (deadline - Date.now()) / 1000);
}

/**
 * Encodes each distinct token as one UTF-16 unit, as dmp's line mode does. Codes skip the
 * surrogate range because makeDiff repairs what it takes for split surrogate pairs; past the code
 * budget the remaining tokens of a text become one token.
 */
function tokensToChars(a: string[], b: string[]): { chars1: string; chars2: string; tokens: string[] } {
  const tokens: string[] = [""];
  const codes = new Map<string, number>();
  let next = 1;
  const encode = (list: string[], lastCode: number): string => {
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) {
      let token = list[i] ?? "";
      let code = codes.get(token);
      if (code === undefined) {
        if (next >= lastCode) {
          token = list.slice(i).join("");
          i = list.length;
        }
        code = next;
        next = next === 0xd7ff ? 0xe000 : next + 1;
        codes.set(token, code);
        tokens[code] = token;
      }
      out.push(String.fromCharCode(code));
    }
    return out.join("");
  };
  const chars1 = encode(a, 40000);
  const chars2 = encode(b, 0xfff0);
  return { chars1, chars2, tokens };
}

const SMALL_BLOCK = 300;
const MIN_SHARED_WORD_PAIRS = 0.5;

/** True unless the two versions of a block share too few adjacent word pairs to be related. */
function isWorthCharacterDiff(deleted: string, inserted: string): boolean {
  if (deleted.length + inserted.length <= SMALL_BLOCK) return true;
  const before = wordPairHashes(deleted);
  const after = wordPairHashes(inserted);
  if (before.length < 3 || after.length < 3) return true;
  // Multiset intersection of two sorted arrays.
  let shared = 0;
  for (let i = 0, j = 0; i < before.length && j < after.length;) {
    const x = before[i]!;
    const y = after[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.min(before.length, after.length) >= MIN_SHARED_WORD_PAIRS;
}

/**
 * Sorted hashes of adjacent word pairs, ASCII case folded. Hashing instead of building pair
 * strings keeps this cheap enough to run on a 100k-character block.
 */
function wordPairHashes(text: string): Int32Array {
  const FNV_OFFSET = 0x811c9dc5 | 0;
  const hashes: number[] = [];
  let word = FNV_OFFSET;
  let previous = 0;
  let inWord = false;
  let hasPrevious = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (isWordUnit(c)) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      word = Math.imul(word ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      if (hasPrevious) hashes.push((Math.imul(previous, 31) + word) | 0);
      previous = word;
      hasPrevious = true;
      word = FNV_OFFSET;
      inWord = false;
    }
  }
  return Int32Array.from(hashes).sort();
}

/** Letters and digits, roughly: ASCII alphanumerics and anything from Latin-1 letters up, minus spaces and punctuation blocks. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c < 0xc0) return false;
  return !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff && !(c >= 0x3001 && c <= 0x3003);
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Unchanged runs shorter than this, between edits, are coincidences of the alignment. */
const SOLID_RUN = 16;

interface MappedPosition {
  /** UTF-16 offset in the new text. */
  at: number;
  /** False when both characters around the old position were deleted: the edge itself is gone. */
  survived: boolean;
}

/**
 * The diff as alternating runs: an equal run, or an edit block (what was deleted at that place
 * and what was inserted there). Old ranges tile the old text and new ranges tile the new text.
 */
class DiffMap {
  private readonly isEqual: Uint8Array;
  private readonly oldStart: Int32Array;
  private readonly oldEnd: Int32Array;
  private readonly newStart: Int32Array;
  private readonly newEnd: Int32Array;
  private readonly newLength: number;

  constructor(diffs: Diff[]) {
    const isEqual: number[] = [];
    const oldStart: number[] = [];
    const oldEnd: number[] = [];
    const newStart: number[] = [];
    const newEnd: number[] = [];
    let o = 0;
    let n = 0;
    let inBlock = false;
    for (const [op, text] of diffs) {
      if (text === "") continue;
      if (op === DIFF_EQUAL || !inBlock) {
        isEqual.push(op === DIFF_EQUAL ? 1 : 0);
        oldStart.push(o);
        newStart.push(n);
        oldEnd.push(o);
        newEnd.push(n);
      }
      inBlock = op !== DIFF_EQUAL;
      if (op !== DIFF_INSERT) o += text.length;
      if (op !== DIFF_DELETE) n += text.length;
      oldEnd[oldEnd.length - 1] = o;
      newEnd[newEnd.length - 1] = n;
    }
    this.isEqual = Uint8Array.from(isEqual);
    this.oldStart = Int32Array.from(oldStart);
    this.oldEnd = Int32Array.from(oldEnd);
    this.newStart = Int32Array.from(newStart);
    this.newEnd = Int32Array.from(newEnd);
    this.newLength = n;
  }

  /** Where a claim's start goes. It sticks to the character on its right. */
  mapStart(p: number): MappedPosition {
    // The run holding the character at p; pure insertions (empty old range) never hold it, which
    // is what puts a start after text inserted right before it.
    const i = this.firstRunEndingAfter(p, false);
    if (i === -1) return { at: this.newLength, survived: true };
    const os = this.oldStart[i]!;
    if (this.isEqual[i]) return { at: this.newStart[i]! + (p - os), survived: true };
    // The claim's first character was replaced: the replacement becomes part of the claim.
    if (p === os) return { at: this.newStart[i]!, survived: true };
    return { at: this.newEnd[i]!, survived: false };
  }

  /** Where a claim's end goes. It sticks to the character on its left. */
  mapEnd(p: number): MappedPosition {
    if (p === 0) return { at: 0, survived: true };
    const i = this.firstRunEndingAfter(p, true);
    if (i === -1) return { at: this.newLength, survived: true };
    const os = this.oldStart[i]!;
    if (this.isEqual[i]) return { at: this.newStart[i]! + (p - os), survived: true };
    if (p === this.oldEnd[i]) return { at: this.newEnd[i]!, survived: true };
    return { at: this.newStart[i]!, survived: false };
  }

  /**
   * The stretch of new text standing where old [p, q) stood: from the last solid unchanged run
   * before it to the first one after it. Unchanged runs shorter than SOLID_RUN inside edited
   * text are coincidences of the alignment and do not delimit anything.
   */
  neighbourhood(p: number, q: number): [number, number] {
    let i = this.firstRunEndingAfter(p, false);
    let from: number;
    if (i === -1) from = this.newLength;
    else if (this.isSolid(i)) from = this.newStart[i]! + (p - this.oldStart[i]!);
    else {
      while (i > 0 && !this.isSolid(i - 1)) i--;
      from = this.newStart[i]!;
    }
    let j = q === 0 ? 0 : this.firstRunEndingAfter(q, true);
    let to: number;
    if (j === -1) to = this.newLength;
    else if (this.isSolid(j)) to = this.newStart[j]! + (q - this.oldStart[j]!);
    else {
      while (j < this.isEqual.length - 1 && !this.isSolid(j + 1)) j++;
      to = this.newEnd[j]!;
    }
    return [from, Math.max(from, to)];
  }

  private isSolid(i: number): boolean {
    return this.isEqual[i] === 1 && this.oldEnd[i]! - this.oldStart[i]! >= SOLID_RUN;
  }

  /** True when the new-text range [s, e) lies inside one run of text the diff kept unchanged. */
  isUnchangedText(s: number, e: number): boolean {
    let lo = 0;
    let hi = this.newEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.newEnd[mid]! <= s) lo = mid + 1;
      else hi = mid;
    }
    while (lo < this.newEnd.length && this.newStart[lo] === this.newEnd[lo]) lo++;
    return lo < this.newEnd.length && this.isEqual[lo] === 1 && e <= this.newEnd[lo]!;
  }

  /**
   * Index of the first run whose old range ends after p (or at p when `inclusive`) and is not
   * empty; -1 if none.
   */
  private firstRunEndingAfter(p: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.oldEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.oldEnd[mid]!;
      if (inclusive ? e < p : e <= p) lo = mid + 1;
      else hi = mid;
    }
    while (lo < this.oldEnd.length && this.oldStart[lo] === this.oldEnd[lo]) lo++;
    return lo < this.oldEnd.length ? lo : -1;
  }
}

// ---------------------------------------------------------------------------------------------
// Searching the new text

interface Place {
  start: number;
  end: number;
  text: string;
  /** Edits between the quote and `text` (0 for exact search). */
  errors: number;
  /** Agreement of the surrounding text with the stored prefix/suffix, 0..1. */
  context: number;
  /** Code points from the old place. */
  distance: number;
}

/** Seeds for the whole-text approximate search: this many UTF-16 units must survive verbatim. */
const SEED_LENGTH = 8;
/** A seed found more often than this says nothing about where a quote went. */
const MAX_SEED_HITS = 32;
const SEEDS_PER_QUOTE = 8;

class QuoteSearch {
  private seeds: SeedIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly index: CodePointIndex,
    private readonly map: DiffMap,
  ) {}

  /**
   * The one occurrence of `exact` overlapping [from16, to16), in code points, when that stretch
   * is short enough to be the claim's own place and no other new occurrence within `reach` of
   * `near16` competes with it (then the searches decide, and may find it ambiguous).
   */
  exactInPlace(
    exact: string,
    from16: number,
    to16: number,
    near16: number,
    reach: number,
  ): { start: number; end: number } | undefined {
    if (to16 <= from16 || this.index.toCp(to16) - this.index.toCp(from16) > reach) return undefined;
    const nearCp = this.index.toCp(near16);
    const lo = Math.min(this.index.toUtf16(Math.max(0, nearCp - reach)), Math.max(0, from16 - exact.length + 1));
    const hi = Math.max(this.index.toUtf16(Math.min(this.index.length, nearCp + reach)), to16);
    let inPlace: number | undefined;
    for (let i = this.text.indexOf(exact, lo); i !== -1 && i < hi; i = this.text.indexOf(exact, i + 1)) {
      const overlaps = i < to16 && i + exact.length > from16;
      if (overlaps && inPlace === undefined) inPlace = i;
      else if (overlaps || !this.map.isUnchangedText(i, i + exact.length)) return undefined;
    }
    if (inPlace === undefined) return undefined;
    return { start: this.index.toCp(inPlace), end: this.index.toCp(inPlace + exact.length) };
  }

  /**
   * Exact occurrences near the old place or with agreeing context, best first.
   *
   * Both searches skip text the diff kept unchanged: it stood at another place of the old text
   * while the claim stood where it did, so it is a lookalike (another paragraph that also says
   * "10,000"), not where the claim went. A claim that moved or survived a rewrite is inside
   * inserted text.
   */
  exactPlaces(anchor: Anchor, around: number, reach: number): Place[] {
    const places: Place[] = [];
    const { exact } = anchor;
    for (let i = this.text.indexOf(exact); i !== -1; i = this.text.indexOf(exact, i + 1)) {
      if (this.map.isUnchangedText(i, i + exact.length)) continue;
      const place = this.place(anchor, i, i + exact.length, 0, around);
      if (place.distance <= reach || place.context >= CONTEXT_MIN_AGREEMENT) places.push(place);
    }
    return rank(places);
  }

  /**
   * Approximate occurrences with at most `maxErrors` edits: anywhere in the window around the old
   * place, and elsewhere only where the context agrees. Scanning all of a 100k text costs about
   * 2.5 ms per quote, too much for 1,000 claims, so beyond the window only the neighbourhoods of
   * seeds are verified: 8-unit pieces of the context or the quote that survived verbatim.
   */
  approximatePlaces(anchor: Anchor, around: number, reach: number, maxErrors: number): Place[] {
    const { exact } = anchor;
    const windows: Array<[number, number]> = [
      [
        this.index.toUtf16(Math.max(0, around - reach)),
        this.index.toUtf16(Math.min(this.index.length, around + reach + cpLength(exact))),
      ],
    ];
    for (const [s, e] of this.seedWindows(anchor, maxErrors)) windows.push([s, e]);

    const places: Place[] = [];
    for (const [s, e] of mergeRanges(windows)) {
      for (const match of approximateSearch(this.text.slice(s, e), exact, maxErrors)) {
        if (this.map.isUnchangedText(s + match.start, s + match.end)) continue;
        const place = this.place(anchor, s + match.start, s + match.end, match.errors, around);
        if (place.distance <= reach || place.context >= CONTEXT_MIN_AGREEMENT) places.push(place);
      }
    }
    return rank(places);
  }

  private seedWindows(anchor: Anchor, maxErrors: number): Array<[number, number]> {
    const { exact, prefix, suffix } = anchor;
    const m = exact.length;
    // [piece, where the quote would start relative to the piece's position]
    const pieces: Array<[string, number]> = [];
    if (m >= SEED_LENGTH) {
      const count = Math.min(SEEDS_PER_QUOTE, Math.max(2, Math.ceil(m / SEED_LENGTH)));
      for (let k = 0; k < count; k++) {
        const offset = Math.round((k * (m - SEED_LENGTH)) / (count - 1));
        pieces.push([exact.slice(offset, offset + SEED_LENGTH), -offset]);
      }
    }
    if (prefix.length >= SEED_LENGTH) pieces.push([prefix.slice(-SEED_LENGTH), SEED_LENGTH]);
    if (suffix.length >= SEED_LENGTH) pieces.push([suffix.slice(0, SEED_LENGTH), -m]);

    this.seeds ??= new SeedIndex(this.text);
    const windows: Array<[number, number]> = [];
    const slack = maxErrors + SEED_LENGTH;
    for (const [piece, shift] of pieces) {
      const hits = this.seeds.find(piece);
      if (hits.length > MAX_SEED_HITS) continue;
      for (const hit of hits) {
        const s = Math.max(0, hit + shift - slack);
        const e = Math.min(this.text.length, hit + shift + m + slack);
        if (s < e) windows.push([s, e]);
      }
    }
    return windows;
  }

  /**
   * An approximate match can end inside a word ("North Korea" for "North Korean"); a claim
   * highlighted to half a word looks broken, so the place widens to whole words.
   */
  toWholeWords(place: Place): Place {
    const [s16, e16] = snapToWords(this.text, this.index.toUtf16(place.start), this.index.toUtf16(place.end));
    return { ...place, start: this.index.toCp(s16), end: this.index.toCp(e16), text: this.text.slice(s16, e16) };
  }

  private place(anchor: Anchor, s16: number, e16: number, errors: number, around: number): Place {
    const start = this.index.toCp(s16);
    return {
      start,
      end: this.index.toCp(e16),
      text: this.text.slice(s16, e16),
      errors,
      context: this.contextAgreement(anchor, s16, e16),
      distance: Math.abs(start - around),
    };
  }

  /** Similarity of the stored prefix and suffix to the text around [s16, e16), weighted by length. */
  private contextAgreement({ prefix, suffix }: Anchor, s16: number, e16: number): number {
    let weighted = 0;
    let total = 0;
    if (prefix !== "") {
      weighted += similarity(prefix, this.text.slice(Math.max(0, s16 - prefix.length), s16)) * prefix.length;
      total += prefix.length;
    }
    if (suffix !== "") {
      weighted += similarity(suffix, this.text.slice(e16, e16 + suffix.length)) * suffix.length;
      total += suffix.length;
    }
    // A quote that was the whole text has no context to agree with.
    return total === 0 ? 0 : weighted / total;
  }
}

/** Best first (fewest errors, then best context, then nearest), one place per overlapping group. */
function rank(places: Place[]): Place[] {
  const better = (a: Place, b: Place): number => a.errors - b.errors || b.context - a.context || a.distance - b.distance;
  const sorted = [...places].sort(better);
  const kept: Place[] = [];
  for (const p of sorted) {
    if (!kept.some((k) => p.start < k.end && k.start < p.end)) kept.push(p);
  }
  return kept;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

const HASH_BASE = 0x01000193;

/** Positions of every SEED_LENGTH-unit substring of a text, by rolling hash. */
class SeedIndex {
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly text: string) {
    if (text.length < SEED_LENGTH) return;
    let top = 1;
    for (let i = 1; i < SEED_LENGTH; i++) top = Math.imul(top, HASH_BASE);
    let h = 0;
    for (let i = 0; i < SEED_LENGTH; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
    this.add(h, 0);
    for (let i = 1; i + SEED_LENGTH <= text.length; i++) {
      h = (h - Math.imul(text.charCodeAt(i - 1), top)) | 0;
      h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i + SEED_LENGTH - 1)) | 0;
      this.add(h, i);
    }
  }

  find(piece: string): number[] {
    let h = 0;
    for (let i = 0; i < piece.length; i++) h = (Math.imul(h, HASH_BASE) + piece.charCodeAt(i)) | 0;
    const bucket = this.buckets.get(h);
    if (!bucket) return [];
    return bucket.filter((i) => this.text.startsWith(piece, i));
  }

  private add(hash: number, position: number): void {
    const bucket = this.buckets.get(hash);
    if (bucket) bucket.push(position);
    else this.buckets.set(hash, [position]);
  }
}

// ---------------------------------------------------------------------------------------------
// Similarity

/** 1 − Levenshtein distance / longer length, over code points; 1 for two empty strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = codePoints(a);
  const y = codePoints(b);
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - levenshtein(x, y) / longer;
}

function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) ?? 0;
    out[n++] = c;
    if (c > 0xffff) i++;
  }
  return out.subarray(0, n);
}

function levenshtein(a: Int32Array, b: Int32Array): number {
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  return b.length <= 32 ? bitParallelDistance(b, a) : dynamicProgrammingDistance(a, b);
}

/**
 * Myers/Hyyrö bit-vector edit distance for a pattern of at most 32 code points: one machine word
 * per text character instead of a row of cells. Context agreement compares 32-code-point
 * prefixes and suffixes for every candidate place, so this is the hot path of the searches.
 */
function bitParallelDistance(pattern: Int32Array, text: Int32Array): number {
  const m = pattern.length;
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern[i]!;
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const eq = peq.get(text[j]!) ?? 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // Global distance: the top row grows by one per text character.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

function dynamicProgrammingDistance(a: Int32Array, b: Int32Array): number {
  const n = b.length;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a[i - 1];
    for (let j = 1; j <= n; j++) {
      const substitution = previous[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      current[j] =
        substitution < deletion
          ? substitution < insertion
            ? substitution
            : insertion
          : deletion < insertion
            ? deletion
            : insertion;
    }
    [previous, current] = [current, previous];
  }
  return previous[n]!;
}
