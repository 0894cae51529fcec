/**
 * Reads one number at a token: digits ("10,000", "-3.5"), number words ("ten thousand", "two and a
 * half million"), fractions ("a third", "half a million"), shares ("one in five") and multiplier
 * verbs ("tripled", "tenfold"). What follows or precedes the number (scale, unit, currency,
 * qualifier) is read by extract-figures.ts.
 */
import {
  FRACTION_FOLLOWERS,
  FRACTION_WORDS,
  MONTHS,
  MULTIPLIER_WORDS,
  NOT_A_FIGURE_SUFFIX,
  ONES,
  SCALE_WORDS,
  TENS,
  table,
} from "./lexicon";
import type { Token } from "./tokenize";
import type { FigureQualifier, FigureUnitKind } from "./types";

const NUMERATORS = table<number>({ a: 1, an: 1, ...ONES });

export interface Core {
  first: number;
  /** Token index after the core. */
  next: number;
  value: number;
  scale: number;
  unit: string | null;
  unitKind: FigureUnitKind;
  approximate: boolean;
  /** Digits or number words that a scale word or unit may follow. */
  open: boolean;
  digits: boolean;
  qualifier: FigureQualifier | null;
}

export function adjacent(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && a.end === b.start;
}

export function isYearShaped(tok: Token): boolean {
  return /^\d{4}$/.test(tok.t) && Number(tok.t) >= 1800 && Number(tok.t) <= 2100;
}

/** Splits hyphenated words so "twenty-five" reads as two number words. */
export function wordsFrom(tokens: readonly Token[], i: number, max = 12): { words: string[]; tokenEnds: number[] } {
  const words: string[] = [];
  const tokenEnds: number[] = [];
  for (let k = i; k < tokens.length && words.length < max; k++) {
    const tok = tokens[k]!;
    if (tok.kind !== "word") break;
    for (const part of tok.t.split("-")) {
      words.push(part);
      tokenEnds.push(-1);
    }
    tokenEnds[tokenEnds.length - 1] = k + 1;
  }
  return { words, tokenEnds };
}

function isNumberWord(w: string | undefined): boolean {
  return w !== undefined && (w in ONES || w in TENS);
}

/**
 * Reads number words ("ten thousand", "two and a half million", "a hundred") from the start of
 * `words`. Returns the value, how many words it used and the scale word it ended on.
 */
export function parseNumberWords(words: readonly string[]): { value: number; used: number; endScale: number } | null {
  let total = 0;
  let current = 0;
  let used = 0;
  let any = false;
  let endScale = 1;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w in ONES || w in TENS) {
      const v = ONES[w] ?? TENS[w]!;
      // "twenty one" continues; "five six" does not.
      if (any && current % 10 !== 0 && endScale === 1) break;
      if (any && v >= 10 && current % 100 !== 0) break;
      current += v;
      any = true;
      endScale = 1;
    } else if (w === "hundred" && (any || (k > 0 && words[k - 1] === "a"))) {
      current = (current || 1) * 100;
      any = true;
      endScale = 100;
    } else if (w in SCALE_WORDS && w !== "hundred" && (any || (k > 0 && words[k - 1] === "a"))) {
      const scale = SCALE_WORDS[w]!;
      total += (current || 1) * scale;
      current = 0;
      any = true;
      endScale = scale;
    } else if (w === "dozen" && (any || (k > 0 && words[k - 1] === "a"))) {
      current = (current || 1) * 12;
      any = true;
      endScale = 1;
    } else if (w === "a" && !any && k === 0 && /^(?:hundred|thousand|million|billion|trillion|dozen)$/.test(words[1] ?? "")) {
      // "a million": the scale word that follows supplies the value.
    } else if (w === "and" && any && words[k + 1] === "a" && words[k + 2] === "half") {
      current += 0.5;
      k += 2;
    } else if (w === "and" && any && isNumberWord(words[k + 1])) {
      // "a hundred and fifty"
    } else {
      break;
    }
    used = k + 1;
  }
  if (!any) return null;
  // A trailing "and" or "a" is not part of the number.
  while (used > 0 && (words[used - 1] === "and" || words[used - 1] === "a")) used--;
  return { value: total + current, used, endScale };
}

/** The token index just after the `used`-th word, or -1 when that word ends inside a token. */
export function tokenAfterWords(tokenEnds: readonly number[], used: number): number {
  return used > 0 ? tokenEnds[used - 1]! : -1;
}

const NUMBER_STARTS = new Set([...Object.keys(ONES), ...Object.keys(TENS), ...Object.keys(MULTIPLIER_WORDS), "half"]);
const AFTER_A = new Set([...Object.keys(FRACTION_WORDS), ...Object.keys(SCALE_WORDS), "dozen"]);

/** Cheap test before the full parse: most words of a text cannot start a number. */
function mayStartNumber(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!.t;
  if (NUMBER_STARTS.has(t)) return true;
  if (t === "a" || t === "an") return AFTER_A.has(tokens[i + 1]?.t ?? "");
  const dash = t.indexOf("-");
  return (dash > 0 && NUMBER_STARTS.has(t.slice(0, dash))) || t.endsWith("fold");
}

export function readWordCore(tokens: readonly Token[], i: number): Core | null {
  const tok = tokens[i]!;
  if (!mayStartNumber(tokens, i)) return null;
  // Multiplier verbs: "tripled", "twice", "tenfold".
  if (tok.t in MULTIPLIER_WORDS) {
    const value = MULTIPLIER_WORDS[tok.t]!;
    return core(i, i + 1, value, 1, "times", "multiplier", true, false, false);
  }
  const { words, tokenEnds } = wordsFrom(tokens, i);
  if (words.length === 0) return null;
  const foldMatch = /^(.+?)-?fold$/.exec(tok.t);
  if (foldMatch) {
    const n = parseNumberWords(foldMatch[1]!.split("-"));
    if (n) return core(i, i + 1, n.value, 1, "times", "multiplier", false, false, false);
  }
  // Fractions: "a third", "two-thirds", "three quarters", "half of", "half a million".
  const fraction = readFraction(tokens, i, words, tokenEnds);
  if (fraction) return fraction;
  const parsed = parseNumberWords(words);
  if (!parsed) return null;
  const next = tokenAfterWords(tokenEnds, parsed.used);
  if (next < 0) return null;
  const scale = parsed.endScale >= 1000 ? parsed.endScale : 1;
  return core(i, next, parsed.value / scale, scale, null, "none", false, true, false);
}

function readFraction(tokens: readonly Token[], i: number, words: string[], tokenEnds: number[]): Core | null {
  let numerator: number | undefined;
  let denomAt: number;
  if (words[0] === "half") {
    numerator = 1;
    denomAt = 0;
    const after = words[1];
    const prev = tokens[i - 1]?.t;
    const halfOk = after === "of" || after === "the" || after === "a" || after === "an" || prev === "a";
    if (!halfOk) return null;
  } else {
    numerator = NUMERATORS[words[0]!];
    denomAt = 1;
    if (numerator === undefined || !(words[1]! in FRACTION_WORDS)) return null;
    const prev = tokens[i - 1]?.t;
    if (prev === "the" || prev === "every" || prev === "each") return null;
  }
  const denominator = FRACTION_WORDS[words[denomAt]!]!;
  const next = tokenAfterWords(tokenEnds, denomAt + 1);
  if (next < 0) return null;
  // "half a million", "a quarter of a billion", "a third of a million": a number, not a share.
  const rest = words.slice(denomAt + 1);
  const scaleAt = rest[0] === "of" && (rest[1] === "a" || rest[1] === "an") ? 2 : rest[0] === "a" ? 1 : -1;
  const scaleWord = scaleAt >= 0 ? rest[scaleAt] : undefined;
  if (scaleWord && scaleWord in SCALE_WORDS && SCALE_WORDS[scaleWord]! >= 1000) {
    const end = tokenAfterWords(tokenEnds, denomAt + 1 + scaleAt + 1);
    if (end > 0) {
      return core(i, end, round(numerator / denominator, 6), SCALE_WORDS[scaleWord]!, null, "none", false, true, false);
    }
  }
  const following = tokens[next];
  if (words[0] !== "half" && following && following.kind === "word" && !FRACTION_FOLLOWERS.has(following.t)) return null;
  if (words[0] === "half" && tokens[i - 1]?.t === "a") i--;
  return core(i, next, round((numerator / denominator) * 100, 4), 1, "%", "percent", true, false, false);
}

export function core(
  first: number,
  next: number,
  value: number,
  scale: number,
  unit: string | null,
  unitKind: FigureUnitKind,
  approximate: boolean,
  open: boolean,
  digits: boolean,
): Core {
  return { first, next, value, scale, unit, unitKind, approximate, open, digits, qualifier: null };
}

export function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/** Reads digits at token `i`, or null when they are a year, a date, a time, an ordinal or a code. */
export function readDigitCore(tokens: readonly Token[], i: number): Core | null {
  const tok = tokens[i]!;
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  const after = tokens[i + 1];
  // "G7", "F-35", "Covid-19", "1.2.3": part of a name or code.
  if (adjacent(prev, tok) && (prev!.kind === "word" || prev!.kind === "num" || prev!.t === ".")) return null;
  // "10:30", "1/2/2024": the second half of a time or date.
  if (adjacent(prev, tok) && (prev!.t === ":" || prev!.t === "/") && adjacent(prev2, prev) && prev2!.kind === "num") return null;
  let sign = 1;
  if (adjacent(prev, tok) && (prev!.t === "-" || prev!.t === "−")) {
    if (adjacent(prev2, prev) && prev2!.kind === "word") return null;
    if (!adjacent(prev2, prev)) sign = -1;
  }
  if (adjacent(tok, after)) {
    if (after!.kind === "word" && NOT_A_FIGURE_SUFFIX.has(after!.t)) return null;
    if ((after!.t === ":" || after!.t === "/") && tokens[i + 2]?.kind === "num" && adjacent(after, tokens[i + 2])) return null;
    if (after!.t === "." && tokens[i + 2]?.kind === "num" && adjacent(after, tokens[i + 2])) return null;
  }
  if (after?.kind === "word" && (after.t === "am" || after.t === "pm" || after.t === "a.m")) return null;
  const value = Number(tok.t.replace(/,/g, "")) * sign;
  const integer = !tok.t.includes(".") && !tok.t.includes(",");
  // Day of the month: "5 March", "March 5".
  if (integer && value >= 1 && value <= 31) {
    if ((after && MONTHS.has(after.t)) || (prev && MONTHS.has(prev.t) && prev.capital)) return null;
  }
  return core(sign < 0 ? i - 1 : i, i + 1, value, 1, null, "none", false, true, true);
}

export function readNumberOnly(tokens: readonly Token[], i: number): Core | null {
  const { words, tokenEnds } = wordsFrom(tokens, i, 4);
  const parsed = parseNumberWords(words);
  if (!parsed) return null;
  const next = tokenAfterWords(tokenEnds, parsed.used);
  return next < 0 ? null : core(i, next, parsed.value, 1, null, "none", false, true, false);
}

export function readCoreAt(tokens: readonly Token[], i: number): Core | null {
  const tok = tokens[i]!;
  if (tok.kind === "num") return readDigitCore(tokens, i);
  if (tok.kind === "word") return readWordCore(tokens, i);
  return null;
}
