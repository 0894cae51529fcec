/** Character and word helpers used by every stage of the suggester. */
import { TITLE_ABBREVIATIONS } from "./lexicon";
import type { Span, Token } from "./types";

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2009 || code === 0x202f;
}

export const QUOTE_MARKS = new Set(["“", "”", "«", "»", '"', "‘", "’"]);

export function isCap(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

export function isWord(word: string): boolean {
  return /^[\p{L}\p{N}]/u.test(word);
}

// Anything normaliseSpace would change: space at either end, or whitespace that is not one plain space.
const ODD_SPACE_RE = /^\s|\s$|[^\S ]|\s\s/;

export function normaliseSpace(s: string): string {
  return ODD_SPACE_RE.test(s) ? s.replace(/\s+/g, " ").trim() : s;
}

export function stripPossessive(word: string): { word: string; possessive: boolean } {
  const n = word.length;
  const last = word.charAt(n - 1);
  if (n > 2 && (last === "s" || last === "S") && (word.charAt(n - 2) === "’" || word.charAt(n - 2) === "'")) {
    return { word: word.slice(0, n - 2), possessive: true };
  }
  if (n > 2 && (last === "’" || last === "'") && word.charAt(n - 2) === "s")
    return { word: word.slice(0, n - 1), possessive: true };
  return { word, possessive: false };
}

/** The word ending just before `end` (skipping spaces), or null. */
export function previousWord(text: string, end: number): Span | null {
  let e = end;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && /[\p{L}’'-]/u.test(text.charAt(s - 1))) s--;
  return s < e ? { start: s, end: e } : null;
}

/** Index of the span containing pos, or -1; spans are sorted and disjoint. */
export function findSpan(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export const NON_ASCII_WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD_CHAR_RE.test(text.charAt(i));
}

/**
 * Words (with inner apostrophes, hyphens and dots: "O’Brien", "U.S") and single punctuation marks.
 * Hand-written because a Unicode-class regex costs several times more per token here.
 */
export function tokenize(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordChar(text, i)) {
      out.push({ text: text.charAt(i), start: i });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const d = text.charCodeAt(j);
      if (d === 0x2019 || d === 39 || d === 45 || isWordChar(text, j)) j++;
      else if (d === 46 && j + 1 < to && isWordChar(text, j + 1)) j++;
      else break;
    }
    // "Dr." and "Sen." keep their dot so that the name after them stays one run.
    if (text.charCodeAt(j) === 46 && j < to && TITLE_ABBREVIATIONS.has(text.slice(i, j).toLowerCase())) j++;
    out.push({ text: text.slice(i, j), start: i });
    i = j;
  }
  return out;
}
