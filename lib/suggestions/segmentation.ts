/** Paragraphs, sentences, semicolon units and quotation segments of a text. */
import { NUMBER_ABBREVIATIONS, TITLE_ABBREVIATIONS } from "./lexicon";
import { isSpace, isWordChar } from "./text-scan";
import type { QuoteSeg, Sentence, Span, Unit } from "./types";

export function findParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const push = (start: number, end: number) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end });
  };
  let pos = 0;
  for (const m of text.matchAll(/\n[ \t\r\f\v\u00a0]*\n/g)) {
    push(pos, m.index);
    pos = m.index + m[0].length;
  }
  push(pos, text.length);
  return out;
}

export function splitSentences(text: string, paraIndex: number, para: Span, out: Sentence[]): void {
  const re = /[.!?…]+[”’"')\]]*(?=\s|$)/g;
  re.lastIndex = para.start;
  let start = para.start;
  for (let m = re.exec(text); m !== null && m.index < para.end; m = re.exec(text)) {
    const end = m.index + m[0].length;
    let next = end;
    while (next < para.end && isSpace(text.charCodeAt(next))) next++;
    if (next >= para.end) break;
    const nextChar = text.charAt(next);
    // Lower case or clause punctuation after the stop means it ended an abbreviation or a quoted
    // exclamation ("“Now!” he said"), not the sentence.
    if (/[\p{Ll},;:)\]]/u.test(nextChar)) continue;
    if (m[0] === ".") {
      const wordMatch = /(?<!\d)([\p{L}.]+)$/u.exec(text.slice(Math.max(para.start, m.index - 12), m.index));
      const word = wordMatch?.[1]?.toLowerCase() ?? "";
      // Initials ("J. K. Rowling") and dotted acronyms ("U.S.") rarely end a news sentence.
      if (TITLE_ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
      if (NUMBER_ABBREVIATIONS.has(word) && /\d/.test(nextChar)) continue;
    }
    out.push({ start, end, para: paraIndex });
    start = next;
  }
  out.push({ start, end: para.end, para: paraIndex });
}

// Module-level expressions run with exec loops: matchAll would copy them for every sentence.
const SEMICOLON_RE = /;\s+/g;
const QUOTE_CHAR_RE = /[“”"«»‘’]/g;

/** Sentences joined by a semicolon are separate claims; each half becomes its own unit. */
export function splitUnits(text: string, sentences: readonly Sentence[]): Unit[] {
  const units: Unit[] = [];
  sentences.forEach((s, i) => {
    let start = s.start;
    const slice = text.slice(s.start, s.end);
    if (!slice.includes(";")) {
      units.push({ start, end: s.end, sentence: i });
      return;
    }
    SEMICOLON_RE.lastIndex = 0;
    for (let m = SEMICOLON_RE.exec(slice); m !== null; m = SEMICOLON_RE.exec(slice)) {
      const cut = s.start + m.index + 1;
      if (cut - start >= 25 && s.end - cut >= 25) {
        units.push({ start, end: cut, sentence: i });
        start = s.start + m.index + m[0].length;
      }
    }
    units.push({ start, end: s.end, sentence: i });
  });
  return units;
}

export function findQuotes(text: string, paragraphs: readonly Span[]): QuoteSeg[] {
  const segs: QuoteSeg[] = [];
  paragraphs.forEach((para, p) => {
    let open = -1;
    let single = false;
    const slice = text.slice(para.start, para.end);
    QUOTE_CHAR_RE.lastIndex = 0;
    for (let m = QUOTE_CHAR_RE.exec(slice); m !== null; m = QUOTE_CHAR_RE.exec(slice)) {
      const i = para.start + m.index;
      const ch = m[0];
      if (ch === "‘" || ch === "’") {
        // ’ is far more often an apostrophe: ‘ opens only at the start of a word and ’ closes only
        // a quotation ‘ opened, where no letter follows it ("‘We won,’ she said").
        if (ch === "‘" && open < 0 && (i === para.start || /[\s([—–-]/u.test(text.charAt(i - 1))) && isWordChar(text, i + 1)) {
          open = i;
          single = true;
        } else if (ch === "’" && open >= 0 && single && !isWordChar(text, i + 1)) {
          segs.push({ start: open, end: i + 1, para: p, closed: true, speaker: undefined, next: -1, prev: -1 });
          open = -1;
          single = false;
        }
        continue;
      }
      if (single) continue; // double marks inside a single-quoted passage are not ours to pair
      if (ch === '"') {
        if (open >= 0) {
          segs.push({ start: open, end: i + 1, para: p, closed: true, speaker: undefined, next: -1, prev: -1 });
          open = -1;
        } else if (i + 1 < para.end && !isSpace(text.charCodeAt(i + 1))) {
          open = i;
        }
      } else if (ch === "“" || ch === "«") {
        if (open < 0) open = i;
      } else if (open >= 0) {
        segs.push({ start: open, end: i + 1, para: p, closed: true, speaker: undefined, next: -1, prev: -1 });
        open = -1;
      }
    }
    if (open >= 0) segs.push({ start: open, end: para.end, para: p, closed: false, speaker: undefined, next: -1, prev: -1 });
  });
  // Newspaper convention: a quotation running over several paragraphs opens each paragraph with
  // a quotation mark and closes only in the last.
  for (let i = 0; i + 1 < segs.length; i++) {
    const a = segs[i]!;
    const b = segs[i + 1]!;
    const nextPara = paragraphs[a.para + 1];
    if (!a.closed && b.para === a.para + 1 && nextPara && b.start === nextPara.start) {
      a.next = i + 1;
      b.prev = i;
    }
  }
  return segs;
}

export function findFirstSegFrom(segs: readonly QuoteSeg[], pos: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
