/**
 * Extracts the figures an English news text states: "more than £3.4bn", "2.3 per cent of GDP",
 * "ten thousand troops", "a third", "tripled". Pure and synchronous: the same text always gives
 * the same figures, so stored figures can be re-derived and compared after a revision.
 *
 * One left-to-right pass over a token stream (tokenize.ts): each number is read as a core (digits,
 * number words, a fraction or a multiplier verb), then widened to the right (scale, unit) and to
 * the left (currency symbol, qualifier). Years, days of the month, times and codes such as
 * "Covid-19" or "G7" are not figures. The sentence around each figure then gives its period,
 * place and subject (figure-context.ts).
 */
import { ContextReader } from "./figure-context";
import {
  COUNT_MODIFIERS,
  COUNT_SYNONYMS,
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  MEASURE_UNITS,
  NOT_COUNT_NOUNS,
  QUALIFIER_PHRASES,
  SCALE_ABBREVIATIONS,
  SCALE_WORDS,
  type UnitInfo,
} from "./lexicon";
import { adjacent, type Core, isYearShaped, readCoreAt, readDigitCore, readNumberOnly, round } from "./read-number";
import { PhraseTable, type Token, tokenize } from "./tokenize";
import type { Figure, FigureUnitKind } from "./types";

const QUALIFIERS = new PhraseTable(QUALIFIER_PHRASES);
const CURRENCY_AFTER = new PhraseTable(CURRENCY_WORDS);
const CURRENCY_BEFORE = new PhraseTable(CURRENCY_SYMBOLS);
const MEASURES = new PhraseTable(MEASURE_UNITS);
const COUNTS = new PhraseTable(COUNT_SYNONYMS);
const PERCENT = new PhraseTable<"%" | "pp" | "bp">({
  "%": "%",
  "per cent": "%",
  percent: "%",
  "per-cent": "%",
  pc: "%",
  "percentage points": "pp",
  "percentage point": "pp",
  "basis points": "bp",
});
const PERCENT_OF = new PhraseTable({
  "of gdp": "% of GDP",
  "of gross domestic product": "% of GDP",
  "of national income": "% of GNI",
  "of gni": "% of GNI",
});

/** A core once its qualifier, scale and unit have been read. */
type Draft = Core;

const isUnitless = (c: Core) => c.unit === null;

/** Scale after the core: "3.4bn", "5m", "20k", "1.2 million", "3 hundred thousand". */
function readScale(tokens: readonly Token[], c: Core): void {
  if (!c.digits) return;
  let k = c.next;
  const tok = tokens[k];
  if (!tok || tok.kind !== "word") return;
  if (tok.t in SCALE_ABBREVIATIONS) {
    // Single letters only when glued to the digits ("5m", not "5 m"); "bn", "mn", "tn" either way.
    if (tok.t.length === 1 && !adjacent(tokens[k - 1], tok)) return;
    c.scale = SCALE_ABBREVIATIONS[tok.t]!;
    c.next = k + 1;
    return;
  }
  let scale = 1;
  while (tokens[k]?.kind === "word" && tokens[k]!.t in SCALE_WORDS) {
    scale *= SCALE_WORDS[tokens[k]!.t]!;
    k++;
  }
  if (scale > 1) {
    c.scale = scale;
    c.next = k;
  }
}

function setUnit(c: Core, unit: string, kind: FigureUnitKind, next: number): void {
  c.unit = unit;
  c.unitKind = kind;
  c.next = next;
}

/** Unit after the number: percent, currency word or code, pence, measure, multiplier, count noun. */
function readUnit(tokens: readonly Token[], c: Core): void {
  if (c.unitKind === "currency") {
    // "£3.4bn sterling": a currency word after the symbol repeats it.
    const repeated = CURRENCY_AFTER.matchAt(tokens, c.next);
    if (repeated?.value === c.unit) c.next = repeated.next;
    return;
  }
  if (c.unit !== null) return;
  const k = c.next;
  const tok = tokens[k];
  if (!tok) return;
  const percent = PERCENT.matchAt(tokens, k);
  if (percent && (percent.value !== "%" || tok.t !== "pc" || c.digits)) {
    setUnit(c, percent.value, percent.value === "%" ? "percent" : "percentage-points", percent.next);
    if (percent.value === "bp") {
      c.unit = "pp";
      c.value = c.value / 100;
    }
    const of = PERCENT_OF.matchAt(tokens, c.next);
    if (of && c.unit === "%") setUnit(c, of.value, "percent", of.next);
    return;
  }
  if (tok.kind === "word" && tok.allCaps && CURRENCY_CODES.has(tok.t.toUpperCase())) {
    setUnit(c, tok.t.toUpperCase(), "currency", k + 1);
    return;
  }
  const currency = CURRENCY_AFTER.matchAt(tokens, k);
  if (currency) {
    setUnit(c, currency.value, "currency", currency.next);
    return;
  }
  if ((tok.t === "p" && adjacent(tokens[k - 1], tok)) || tok.t === "pence") {
    setUnit(c, "pence", "currency", k + 1);
    return;
  }
  if (tok.t === "cents" || tok.t === "cent") {
    setUnit(c, "cents", "currency", k + 1);
    return;
  }
  // "5-fold", "3x"
  if (tok.t === "-" && adjacent(tokens[k - 1], tok) && tokens[k + 1]?.t === "fold") {
    setUnit(c, "times", "multiplier", k + 2);
    return;
  }
  if (tok.t === "x" && adjacent(tokens[k - 1], tok) && c.digits) {
    setUnit(c, "times", "multiplier", k + 1);
    return;
  }
  const measure: { value: UnitInfo; next: number } | null = MEASURES.matchAt(tokens, k);
  if (measure) {
    // "a year" after a count is a rate ("10,000 a year"), not a unit; "two years" is a duration.
    setUnit(c, measure.value.unit, measure.value.kind, measure.next);
    return;
  }
  readCountNoun(tokens, c);
}

/** "10,000 North Korean troops", "3,000 new homes", "two people": the count noun is the unit. */
function readCountNoun(tokens: readonly Token[], c: Core): void {
  let k = c.next;
  for (let skipped = 0; skipped <= 3; skipped++) {
    const tok = tokens[k];
    if (!tok || tok.kind !== "word") return;
    const known = COUNTS.matchAt(tokens, k);
    if (known) {
      setUnit(c, known.value, "count", known.next);
      return;
    }
    const plural = /^[a-z]{3,}s$/.test(tok.t) && !tok.t.endsWith("ss") && !tok.t.endsWith("'s") && !tok.capital;
    if (plural && !NOT_COUNT_NOUNS.has(tok.t)) {
      setUnit(c, tok.t, "count", k + 1);
      return;
    }
    if (!COUNT_MODIFIERS.has(tok.t) && !tok.capital) return;
    k++;
  }
}

/** "one in five", "1 in 10", "one out of every four": a share, written loosely. */
function readProportion(tokens: readonly Token[], c: Core): boolean {
  if (c.scale !== 1 || !isUnitless(c) || !Number.isInteger(c.value) || c.value <= 0) return false;
  let k = c.next;
  if (tokens[k]?.t === "in") k++;
  else if (tokens[k]?.t === "out" && tokens[k + 1]?.t === "of") k += 2;
  else return false;
  if (tokens[k]?.t === "every") k++;
  const denominator = tokens[k]?.kind === "num" ? readDigitCore(tokens, k) : tokens[k] ? readNumberOnly(tokens, k) : null;
  if (!denominator || denominator.value <= c.value || denominator.value > 1000) return false;
  c.value = round((c.value / denominator.value) * 100, 4);
  c.unit = "%";
  c.unitKind = "percent";
  c.approximate = true;
  c.next = denominator.next;
  return true;
}

/** Currency before the number ("£", "US$", "GBP ") and the qualifier before that. */
function readLeft(tokens: readonly Token[], d: Draft): void {
  const symbol = CURRENCY_BEFORE.matchBefore(tokens, d.first, 2);
  const code = tokens[d.first - 1];
  if (symbol && d.unit === null) {
    d.unit = symbol.value;
    d.unitKind = "currency";
    d.first = symbol.start;
  } else if (code?.kind === "word" && code.allCaps && CURRENCY_CODES.has(code.t.toUpperCase()) && d.unit === null) {
    d.unit = code.t.toUpperCase();
    d.unitKind = "currency";
    d.first -= 1;
  }
  const qualifier = QUALIFIERS.matchBefore(tokens, d.first, 4);
  if (qualifier) {
    d.qualifier = qualifier.value;
    d.first = qualifier.start;
  }
}

/** Whether a core without unit or scale is a year ("in 2024") or a year range ("2023-24"). */
function isYear(tokens: readonly Token[], d: Draft): boolean {
  return d.digits && d.scale === 1 && d.unit === null && isYearShaped(tokens[d.next - 1]!);
}

/** Skips the rest of a year range ("2023-24", "2023/24", "2020–2024"). */
function skipYearRange(tokens: readonly Token[], i: number): number {
  const sep = tokens[i];
  const n = tokens[i + 1];
  if (sep && n && (sep.t === "-" || sep.t === "–" || sep.t === "/") && n.kind === "num" && /^(?:\d\d|\d{4})$/.test(n.t)) {
    return i + 2;
  }
  return i;
}

function readDrafts(tokens: readonly Token[]): Draft[] {
  const drafts: Draft[] = [];
  let i = 0;
  while (i < tokens.length) {
    const c = readCoreAt(tokens, i);
    if (!c) {
      i++;
      continue;
    }
    const d: Draft = c;
    // Left first: a currency symbol decides the unit, so "£3.4bn contracts" stays money.
    readLeft(tokens, d);
    if (d.open) {
      readScale(tokens, d);
      if (!readProportion(tokens, d)) readUnit(tokens, d);
    }
    if (isYear(tokens, d)) {
      i = skipYearRange(tokens, d.next);
      continue;
    }
    // A lone small number in words ("one of the", "two reasons why") is prose, not a figure.
    if (!d.digits && d.unit === null && d.scale === 1 && Math.abs(d.value) < 10) {
      i = d.next;
      continue;
    }
    drafts.push(d);
    i = d.next;
  }
  linkRanges(tokens, drafts);
  return drafts;
}

/**
 * "10,000-12,000 troops", "£3bn to £4bn", "between 2% and 3%", "from 2.3% to 2.5%": the first
 * figure takes the scale and unit written only after the second; a range gives its bounds as
 * qualifiers.
 */
function linkRanges(tokens: readonly Token[], drafts: Draft[]): void {
  for (let n = 0; n + 1 < drafts.length; n++) {
    const a = drafts[n]!;
    const b = drafts[n + 1]!;
    const gap = tokens.slice(a.next, b.first).map((t) => t.t);
    const before = tokens[a.first - 1]?.t;
    const dash = gap.length === 1 && (gap[0] === "-" || gap[0] === "–" || gap[0] === "—");
    const to = gap.length === 1 && gap[0] === "to";
    const and = gap.length === 1 && gap[0] === "and" && before === "between";
    if (!dash && !to && !and) continue;
    if (a.unit === null && b.unit !== null) {
      a.unit = b.unit;
      a.unitKind = b.unitKind;
    } else if (b.unit === null && a.unitKind === "currency") {
      // "£3-4bn": the currency symbol is written once, before the first number.
      b.unit = a.unit;
      b.unitKind = a.unitKind;
    }
    if (a.scale === 1 && b.scale !== 1 && a.value < b.value * 1000) a.scale = b.scale;
    const isRange = dash || and || (to && before !== "from");
    if (isRange && a.unitKind === b.unitKind) {
      a.qualifier ??= "at least";
      b.qualifier ??= "up to";
    }
  }
}

/** Every figure the text states, in order of appearance. */
export function extractFigures(text: string): Figure[] {
  const tokens = tokenize(text);
  const drafts = readDrafts(tokens);
  if (drafts.length === 0) return [];
  const reader = new ContextReader(text, tokens, drafts);
  const figures: Figure[] = [];
  let previous = null as { sentence: number; subject: string | null } | null;
  for (const d of drafts) {
    const start = tokens[d.first]!.start;
    const end = tokens[d.next - 1]!.end;
    const { sentence, ...context } = reader.describe(d, d.unitKind);
    // "rose to 2.3%, up from 2.1%": the second figure measures the same thing as the first.
    if (context.subject === null && previous?.sentence === sentence) context.subject = previous.subject;
    previous = { sentence, subject: context.subject };
    figures.push({
      text: text.slice(start, end),
      start,
      end,
      value: d.value,
      scale: d.scale,
      unit: d.unit,
      unitKind: d.unitKind,
      qualifier: d.qualifier,
      approximate: d.approximate,
      ...context,
    });
  }
  return figures;
}
