/** Check-worthy cues (figures, dates, changes, comparisons, superlatives) and down-ranking markers. */
import { COUNT_STOP, F_ADJ, F_FUNC, F_PLURAL, PEOPLE_NOUNS, flagsOf } from "./lexicon";
import {
  BARE_CHANGE_RE,
  CHANGE_RE,
  COMPARISON_RE,
  COUNT_WORD_RE,
  CURRENCY_BEFORE_RE,
  DAY_BEFORE_MONTH_RE,
  DEADLINE_RE,
  NUMBER_WORD_COUNT_RE,
  ORDINAL_RE,
  MONEY_WORD_AFTER_RE,
  MONTH_PREPOSITION_RE,
  MONTH_RE,
  NUMBER_SCAN_RE,
  NUMBER_WORD_BEFORE_RE,
  OPINION_RE,
  PENCE_AFTER_RE,
  PERCENT_AFTER_RE,
  PERCENT_WORD_RE,
  PREDICTION_RE,
  PROPORTION_AFTER_RE,
  PROPORTION_RE,
  RELATIVE_DATE_RE,
  SCALE_AFTER_RE,
  SINCE_RE,
  SUPERLATIVE_DETERMINERS,
  SUPERLATIVE_MODIFIERS,
  SUPERLATIVE_RE,
  SUPERLATIVE_SCOPE_RE,
  UNIT_AFTER_RE,
  YEAR_SHAPE_RE,
} from "./patterns";
import { W } from "./scoring";
import { findSpan, isCap, normaliseSpace, previousWord, stripPossessive } from "./text-scan";
import type { Marker, Sentence, Signal, SignalKind, Span } from "./types";

export class SignalCollector {
  readonly signals: Signal[] = [];
  private readonly used: Uint8Array;

  constructor(private readonly text: string) {
    this.used = new Uint8Array(text.length);
  }

  free(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used[i]) return false;
    return true;
  }

  add(start: number, end: number, kind: SignalKind, weight: number, label: string, claim = true): void {
    if (claim) this.used.fill(1, start, end);
    this.signals.push({ start, end, kind, weight, label, reason: `${label}: ${normaliseSpace(this.text.slice(start, end))}` });
  }
}

export const WORD_AFTER_RE = /[ \u00a0]+([\p{L}][\p{L}’'-]*)/uy;

export function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (PEOPLE_NOUNS.has(lower)) return true;
  const f = flagsOf(lower);
  if ((f & F_PLURAL) !== 0) return true;
  if (lower.length < 4 || !/s$/.test(lower) || /(?:ss|us|is|[’']s)$/.test(lower)) return false;
  return (f & (F_FUNC | F_ADJ)) === 0;
}

/** End of "<number> [up to three modifiers] <plural noun>", or -1 when no such noun follows. */
export function countPhraseEnd(text: string, from: number, limit: number): number {
  let pos = from;
  for (let k = 0; k < 4; k++) {
    WORD_AFTER_RE.lastIndex = pos;
    const m = WORD_AFTER_RE.exec(text);
    if (!m || m.index !== pos) return -1;
    const end = m.index + m[0].length;
    if (end > limit) return -1;
    const word = m[1] ?? "";
    if (COUNT_STOP.has(word.toLowerCase())) return -1;
    if (isPluralNoun(word)) return end;
    pos = end;
  }
  return -1;
}

export function stickyEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

export function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function collectSignals(
  text: string,
  lower: string,
  paragraphs: readonly Span[],
  sentences: readonly Sentence[],
): Signal[] {
  const c = new SignalCollector(text);
  const paraEnd = (pos: number) => paragraphs[findSpan(paragraphs, pos)]?.end ?? text.length;

  // Dates first, so that their numbers are not counted again as figures.
  for (const m of lower.matchAll(SINCE_RE)) c.add(m.index, m.index + m[0].length, "date", W.since, "date");
  for (const m of lower.matchAll(DEADLINE_RE)) {
    if (c.free(m.index, m.index + m[0].length)) c.add(m.index, m.index + m[0].length, "date", W.deadline, "deadline");
  }
  for (const m of text.matchAll(MONTH_RE)) {
    let s = m.index;
    const e = s + m[0].length;
    const day = DAY_BEFORE_MONTH_RE.exec(text.slice(Math.max(0, s - 6), s));
    if (day?.[1]) s -= day[1].length;
    if (!c.free(s, e)) continue;
    // "May" and "March" are also a modal and a verb; without a day or year, a preposition decides.
    if (!/\d/.test(text.slice(s, e)) && !MONTH_PREPOSITION_RE.test(text.slice(Math.max(0, s - 12), s))) continue;
    c.add(s, e, "date", W.monthDate, "date");
  }
  for (const m of lower.matchAll(PROPORTION_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (c.free(s, e)) c.add(s, e, "proportion", W.proportion, "proportion");
  }

  for (const m of text.matchAll(NUMBER_SCAN_RE)) {
    const s = m.index;
    let e = s + m[0].length;
    const before = text.charCodeAt(s - 1);
    const after = text.charCodeAt(e);
    // Part of an identifier or a range ("G7", "Covid-19", "2019-20", "10:30", "1.2.3").
    if (s > 0 && (isAsciiAlnum(before) || before === 45 || before === 46 || before === 47 || before === 58)) continue;
    if ((after === 44 || after === 46 || after === 58) && isAsciiAlnum(text.charCodeAt(e + 1))) continue;
    if (!c.free(s, e)) continue;

    const currency = CURRENCY_BEFORE_RE.exec(text.slice(Math.max(0, s - 4), s));
    const scaleEnd = stickyEnd(SCALE_AFTER_RE, lower, e);
    const valueEnd = scaleEnd > 0 ? scaleEnd : e;
    if (currency?.[1]) {
      c.add(s - currency[1].length, valueEnd, "money", W.money, "money");
      continue;
    }
    const percentEnd = stickyEnd(PERCENT_AFTER_RE, lower, valueEnd);
    if (percentEnd > 0) {
      c.add(s, percentEnd, "percentage", W.percentage, "percentage");
      continue;
    }
    const moneyEnd = stickyEnd(MONEY_WORD_AFTER_RE, lower, valueEnd);
    const penceEnd = scaleEnd < 0 ? stickyEnd(PENCE_AFTER_RE, text, e) : -1;
    if (moneyEnd > 0 || penceEnd > 0) {
      c.add(s, Math.max(moneyEnd, penceEnd), "money", W.money, "money");
      continue;
    }
    const unitEnd = stickyEnd(UNIT_AFTER_RE, text, valueEnd);
    if (unitEnd > 0) {
      c.add(s, unitEnd, "measurement", W.measurement, "measurement");
      continue;
    }
    const proportionEnd = scaleEnd < 0 ? stickyEnd(PROPORTION_AFTER_RE, lower, e) : -1;
    if (proportionEnd > 0) {
      c.add(s, proportionEnd, "proportion", W.proportion, "proportion");
      continue;
    }
    if (scaleEnd < 0 && YEAR_SHAPE_RE.test(m[0])) {
      if (text.charCodeAt(e) === 115 /* s: "the 1990s" */) e++;
      if (!isAsciiAlnum(text.charCodeAt(e))) {
        c.add(s, e, "date", W.year, "date");
        continue;
      }
    }
    if (isAsciiAlnum(text.charCodeAt(valueEnd))) continue; // "1st", "10am", "5G"
    const countEnd = countPhraseEnd(text, valueEnd, paraEnd(s));
    if (countEnd > 0) {
      c.add(s, countEnd, "quantity", W.quantity, "quantity");
      continue;
    }
    // "Article 5", "Level 3": a number right after a capitalised word mid-sentence is a name.
    const named = /(\p{Lu}\p{L}*)\s$/u.exec(text.slice(Math.max(0, s - 20), s));
    if (named) {
      const sentence = sentences[findSpan(sentences, s)];
      if (sentence && s - named[0].length > sentence.start) continue;
    }
    const value = Number(m[0].replace(/,/g, ""));
    const big = scaleEnd > 0 || m[0].includes(".") || value >= 100;
    c.add(s, valueEnd, "figure", big ? W.figure : W.smallFigure, "figure");
  }

  for (const m of lower.matchAll(PERCENT_WORD_RE)) {
    const word = NUMBER_WORD_BEFORE_RE.exec(lower.slice(Math.max(0, m.index - 24), m.index));
    if (!word?.[1]) continue;
    const s = m.index - word[1].length;
    const e = m.index + m[0].length;
    if (c.free(s, e)) c.add(s, e, "percentage", W.percentage, "percentage");
  }
  for (const m of lower.matchAll(COUNT_WORD_RE)) {
    const s = m.index;
    const end = countPhraseEnd(text, s + m[0].length, paraEnd(s));
    if (end > 0 && c.free(s, end)) c.add(s, end, "quantity", W.quantityWords, "quantity");
  }
  for (const m of lower.matchAll(NUMBER_WORD_COUNT_RE)) {
    const s = m.index;
    const end = countPhraseEnd(text, s + m[0].length, paraEnd(s));
    if (end > 0 && c.free(s, end)) c.add(s, end, "quantity", W.quantityWords, "quantity");
  }
  for (const m of lower.matchAll(ORDINAL_RE)) {
    if (c.free(m.index, m.index + m[0].length)) c.add(m.index, m.index + m[0].length, "figure", W.ordinal, "ordinal");
  }
  for (const m of lower.matchAll(RELATIVE_DATE_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (c.free(s, e)) c.add(s, e, "date", W.relativeDate, "date");
  }
  const changeStarts = new Set<number>();
  for (const m of lower.matchAll(CHANGE_RE)) {
    changeStarts.add(m.index);
    c.add(m.index, m.index + m[0].length, "change", W.change, "change", false);
  }
  for (const m of lower.matchAll(BARE_CHANGE_RE)) {
    if (!changeStarts.has(m.index)) c.add(m.index, m.index + m[0].length, "change", W.bareChange, "change", false);
  }
  for (const m of lower.matchAll(COMPARISON_RE))
    c.add(m.index, m.index + m[0].length, "comparison", W.comparison, "comparison", false);
  for (const m of lower.matchAll(SUPERLATIVE_RE)) {
    let s = m.index;
    const e = s + m[0].length;
    const word = m[1] ?? m[0];
    if (m[1] !== undefined) {
      // Only "the largest", "its highest", "Europe's biggest": a determiner or possessive must lead.
      const lead = superlativeLead(text, s);
      if (lead < 0) continue;
      s = lead;
    }
    const soft = /^(?:most|least|best|worst|only)/.test(word);
    const scope = SUPERLATIVE_SCOPE_RE.exec(text.slice(e, e + 80));
    const end = scope ? e + scope[0].length : e;
    c.add(s, end, "superlative", soft ? W.softSuperlative : W.superlative, "superlative", false);
  }
  return c.signals;
}

// Prediction words that say how likely, not what was promised: a date after them stays a forecast.
const HEDGED_RE =
  /^(?:could|might|may|if|expect|forecast|predict|anticipate|(?:is|are|was|were)\s+(?:expected|likely|forecast|projected|predicted))/;

export function collectMarkers(text: string, lower: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of lower.matchAll(OPINION_RE)) {
    const label = m[0] === "i" || m[0].startsWith("i ") ? `I${m[0].slice(1)}` : m[0];
    markers.push({ start: m.index, kind: "opinion", reason: `opinion: ${normaliseSpace(label)} (down-ranked)` });
  }
  for (const m of lower.matchAll(PREDICTION_RE)) {
    // "May" with a capital is the month (or a name), not the modal.
    if (m[0] === "may" && text.charCodeAt(m.index) === 77) continue;
    let start = m.index;
    if (m[0].length === 3 && m[0].endsWith("ll") && !/^[a-z]/.test(m[0])) {
      while (start > 0 && /[a-z]/.test(lower.charAt(start - 1))) start--;
      if (start === m.index) continue;
    }
    markers.push({
      start,
      kind: "prediction",
      reason: `prediction: ${normaliseSpace(lower.slice(start, m.index + m[0].length))} (down-ranked)`,
      hedged: HEDGED_RE.test(m[0]),
    });
  }
  return markers.sort((a, b) => a.start - b.start);
}

/** Start of "the", "its", "Europe's" (optionally plus "single", "second", "-ly") before pos, or -1. */
export function superlativeLead(text: string, pos: number): number {
  let word = previousWord(text, pos);
  if (!word || word.start === pos) return -1;
  for (let step = 0; step < 2 && word; step++) {
    const w = text.slice(word.start, word.end);
    const lower = w.toLowerCase();
    if (SUPERLATIVE_DETERMINERS.has(lower)) return word.start;
    const possessive = stripPossessive(w);
    if (possessive.possessive && isCap(w)) return word.start;
    if (step > 0 || !(SUPERLATIVE_MODIFIERS.has(lower) || /^\p{Ll}+ly$/u.test(w))) return -1;
    word = previousWord(text, word.start);
  }
  return -1;
}
