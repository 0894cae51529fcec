/**
 * Claim anchors (docs/anchoring.md §2): where a claim sits in one canonical revision text.
 *
 * All offsets are Unicode code points, end exclusive, so that they mean the same thing in
 * JavaScript, in PostgreSQL (`substr(body, start + 1, end - start)`) and in the W3C annotation
 * model. `exact` is what the editor marked and is never rewritten by re-anchoring.
 *
 * Pure module: no database or framework imports; safe to use in the browser.
 */
import { CodePointIndex } from "../text/code-points";

export type AnchorState = "anchored" | "relocated" | "changed" | "ambiguous" | "orphaned";

export interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  /** Code point offset of the first character of `exact`. */
  start: number;
  /** Code point offset just after the last character of `exact`. */
  end: number;
}

export type AnchorErrorCode = "empty" | "out_of_range";

export class AnchorError extends Error {
  readonly code: AnchorErrorCode;

  constructor(code: AnchorErrorCode, message: string) {
    super(message);
    this.name = "AnchorError";
    this.code = code;
  }
}

/** Context kept on each side of a quote (Hypothesis and the W3C model use the same length). */
export const CONTEXT_LENGTH = 32;

// Word boundaries do not depend on a locale for the scripts we publish in, and a fixed locale
// keeps snapping identical on every server.
const graphemeSegmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/**
 * Boundaries are computed in a window around each end rather than over the whole article: a
 * word or grapheme never depends on text this far away, and segmenting 100k characters for
 * every selection would be wasted work.
 */
const SEGMENT_WINDOW = 256;

const TRIMMABLE = /[\s\u200B-\u200D\u2060]/;

export function createAnchor(text: string, start: number, end: number): Anchor {
  const index = new CodePointIndex(text);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > index.length || start > end) {
    throw new AnchorError("out_of_range", `Selection ${start}..${end} is outside the text (0..${index.length}).`);
  }
  const [s, e] = tidySpan(text, index.toUtf16(start), index.toUtf16(end));
  if (s >= e) throw new AnchorError("empty", "The selection contains no text.");

  const exact = text.slice(s, e);
  const startCp = index.toCp(s);
  const endCp = index.toCp(e);
  // Grow the context until prefix+exact+suffix occurs once, so the quote selector alone
  // identifies this place (W3C: a quote selector matching several places matches all of them).
  for (let extra = CONTEXT_LENGTH; ; extra *= 2) {
    const prefixStart = index.toUtf16(Math.max(0, startCp - extra));
    const suffixEnd = index.toUtf16(Math.min(index.length, endCp + extra));
    const prefix = text.slice(prefixStart, s);
    const suffix = text.slice(e, suffixEnd);
    const reachedEdges = prefixStart === 0 && suffixEnd === text.length;
    if (reachedEdges || occursOnce(text, prefix + exact + suffix)) {
      return { exact, prefix, suffix, start: startCp, end: endCp };
    }
  }
}

/**
 * A span as a claim holds it (UTF-16 offsets): no surrounding whitespace, whole graphemes and
 * words. Marking and re-anchoring both use it, so a claim found again after a correction is cut
 * exactly as one marked by hand ("phrase", never "phrase ").
 */
export function tidySpan(text: string, s: number, e: number): [number, number] {
  [s, e] = trimRange(text, s, e);
  if (s < e) [s, e] = trimRange(text, ...snapToWords(text, s, e));
  return [s, e];
}

function occursOnce(text: string, needle: string): boolean {
  const first = text.indexOf(needle);
  return first !== -1 && text.indexOf(needle, first + 1) === -1;
}

function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && TRIMMABLE.test(text[s] ?? "")) s++;
  while (e > s && TRIMMABLE.test(text[e - 1] ?? "")) e--;
  return [s, e];
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Widens a UTF-16 range [s, e) to whole grapheme clusters, then to whole words where an end cuts
 * through one, so that a sloppy selection ("000 North Kor") becomes "10,000 North Korea".
 */
export function snapToWords(text: string, s: number, e: number): [number, number] {
  let from = Math.max(0, s - SEGMENT_WINDOW);
  let to = Math.min(text.length, e + SEGMENT_WINDOW);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const local = text.slice(from, to);
  let ls = s - from;
  let le = e - from;

  const graphemes = graphemeSegmenter.segment(local);
  const firstGrapheme = graphemes.containing(ls);
  if (firstGrapheme) ls = firstGrapheme.index;
  const lastGrapheme = graphemes.containing(le - 1);
  if (lastGrapheme) le = lastGrapheme.index + lastGrapheme.segment.length;

  const words = wordSegmenter.segment(local);
  const firstWord = words.containing(ls);
  if (firstWord?.isWordLike) ls = firstWord.index;
  const lastWord = words.containing(le - 1);
  if (lastWord?.isWordLike) le = lastWord.index + lastWord.segment.length;

  return [ls + from, le + from];
}

// ---------------------------------------------------------------------------------------------
// Folding: differences an editor does not consider a change of wording.

const FOLDED_CHARS: Record<string, string> = {};
for (const c of "\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\uFF07") FOLDED_CHARS[c] = "'";
for (const c of "\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\uFF02") FOLDED_CHARS[c] = '"';
for (const c of "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D") FOLDED_CHARS[c] = "-";
for (const c of "\u200B\u200C\u200D\u2060\uFEFF\u00AD") FOLDED_CHARS[c] = "";
FOLDED_CHARS["\u2026"] = "...";

const FOLDABLE =
  /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\uFF07\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\uFF02\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u200B-\u200D\u2060\uFEFF\u00AD\u2026]/g;

/**
 * The comparison form of a text: NFC, typographic quotes and dashes as ASCII, zero-width
 * characters removed and every run of whitespace (spaces of any width, line and paragraph
 * breaks) as one space. Two quotes that fold equal are the same wording.
 */
export function foldForComparison(text: string): string {
  return text
    .normalize("NFC")
    .replace(FOLDABLE, (c) => FOLDED_CHARS[c] ?? c)
    .replace(/\s+/g, " ");
}

interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`: code point offset where its source character starts. */
  sourceStart: Int32Array;
  /** For each UTF-16 unit of `text`: code point offset just after its source (run of) characters. */
  sourceEnd: Int32Array;
}

/** `foldForComparison` that remembers where each folded unit came from (input must be NFC). */
function foldWithOffsets(text: string): FoldedText {
  const out: string[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  let cp = 0;
  let lastWasSpace = false;
  for (const ch of text) {
    const folded = FOLDED_CHARS[ch] ?? (/\s/.test(ch) ? " " : ch);
    if (folded === " " && lastWasSpace) {
      sourceEnd[sourceEnd.length - 1] = cp + 1;
    } else {
      for (let i = 0; i < folded.length; i++) {
        out.push(folded[i] ?? "");
        sourceStart.push(cp);
        sourceEnd.push(cp + 1);
      }
      if (folded !== "") lastWasSpace = folded === " ";
    }
    cp++;
  }
  return { text: out.join(""), sourceStart: Int32Array.from(sourceStart), sourceEnd: Int32Array.from(sourceEnd) };
}

/**
 * Every place of `exact` in `text` whose surrounding text agrees with `prefix` (ending just
 * before it) and `suffix` (starting just after it), as code point ranges. Used to create a claim
 * from a quote sent by a client; the caller refuses anything but exactly one result.
 *
 * Matching is done on folded text, so a quote copied from a rendering with curly quotes, no-break
 * spaces or a different line break still finds its place; whitespace where context meets the
 * quote is optional for the same reason.
 */
export function findQuote(text: string, exact: string, prefix?: string, suffix?: string): Array<{ start: number; end: number }> {
  const needle = foldForComparison(exact).trim();
  if (needle === "") return [];
  const folded = foldWithOffsets(text);
  const haystack = folded.text;
  const wantedBefore = prefix ? foldForComparison(prefix).trimEnd() : "";
  const wantedAfter = suffix ? foldForComparison(suffix).trimStart() : "";

  const results: Array<{ start: number; end: number }> = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (wantedBefore !== "") {
      const beforeEnd = haystack[i - 1] === " " ? i - 1 : i;
      if (beforeEnd < wantedBefore.length || !haystack.startsWith(wantedBefore, beforeEnd - wantedBefore.length)) continue;
    }
    if (wantedAfter !== "") {
      const afterStart = haystack[end] === " " ? end + 1 : end;
      if (!haystack.startsWith(wantedAfter, afterStart)) continue;
    }
    results.push({ start: folded.sourceStart[i] ?? 0, end: folded.sourceEnd[end - 1] ?? 0 });
  }
  return results;
}
