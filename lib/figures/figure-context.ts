/**
 * The sentence around a figure: when ("since 1990", "by 2029"), where ("UK") and what is measured
 * ("defence spending"). Best effort by design — a wrong guess is visible and editable on the claim
 * panel, and consistency checks only compare subjects when both figures have one.
 */
import { PLACES } from "./lexicon";
import { PhraseTable, type Token } from "./tokenize";

const PLACE_TABLE = new PhraseTable(PLACES);

const MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december";
const YEAR = String.raw`(?:18|19|20)\d\d`;
const NUMBER_WORD = "\\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|few";
const PERIOD_RE = new RegExp(
  [
    String.raw`\b(?:since|in|on|by|from|until|till|before|after|during|for|as\s+of|between|throughout|ahead\s+of|by\s+the\s+end\s+of|at\s+the\s+end\s+of)\s+(?:the\s+)?(?:(?:financial|fiscal|tax|calendar|academic|school)\s+year\s+)?(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?(?:(?:\d{1,2}\s+)?(?:${MONTH_NAMES})\s+)?${YEAR}s?(?:\s*(?:[-–/]|to|and)\s*(?:${YEAR}|\d\d)(?!\d))?\b`,
    String.raw`\b${YEAR}\s*[-–/]\s*\d\d(?!\d)`,
    String.raw`\bsince\s+(?:records\s+began|(?:${MONTH_NAMES})|the\s+(?:pandemic|referendum|election|war|invasion|financial\s+crisis))\b`,
    String.raw`\b(?:last|this|next|previous|past)\s+(?:year|month|week|decade|quarter|winter|summer|spring|autumn)\b`,
    String.raw`\b(?:in\s+the\s+)?(?:past|last|next)\s+(?:${NUMBER_WORD})\s+(?:years|months|weeks|decades|days)\b`,
    String.raw`\b(?:a|per|each|every)\s+(?:year|month|week|day)\b`,
    String.raw`\b(?:annually|per\s+annum)\b`,
  ].join("|"),
  "g",
);

/** Link words between a subject and its figure: "spending was 2.3%", "rose to", "stood at". */
const LINK_WORDS = new Set([
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "at",
  "to",
  "reach",
  "reached",
  "reaches",
  "hit",
  "hits",
  "stood",
  "stands",
  "totalled",
  "totaled",
  "totals",
  "cost",
  "costs",
  "by",
  "equal",
  "equals",
  "amounted",
  "amounts",
  "remains",
  "remained",
  "of",
  "spend",
  "spent",
  "spends",
  "invest",
  "invested",
  "paid",
  "pay",
  "raise",
  "raised",
  "saved",
  "save",
  "sent",
  "send",
  "deployed",
  "build",
  "built",
  "recruit",
  "recruited",
  "employ",
  "employs",
  "employed",
  "has",
  "have",
  "had",
  "than",
]);
/** Words between a subject and its link that are not part of the subject. */
const SKIP_BEFORE_LINK = new Set([
  "will",
  "would",
  "shall",
  "could",
  "should",
  "may",
  "might",
  "must",
  "has",
  "have",
  "had",
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "now",
  "currently",
  "already",
  "still",
  "only",
  "just",
  "also",
  "expected",
  "forecast",
  "projected",
  "set",
  "likely",
  "due",
  "to",
  "rose",
  "risen",
  "rise",
  "fell",
  "fallen",
  "fall",
  "grew",
  "grown",
  "increased",
  "decreased",
  "dropped",
  "climbed",
  "jumped",
  "soared",
  "surged",
  "reached",
  "reach",
  "stood",
  "went",
  "gone",
  "up",
  "down",
  "nearly",
  "almost",
  "roughly",
]);
/** Where a subject phrase ends, reading backwards. */
const SUBJECT_STOP = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "its",
  "their",
  "our",
  "his",
  "her",
  "said",
  "says",
  "say",
  "told",
  "claimed",
  "claims",
  "which",
  "who",
  "whose",
  "and",
  "but",
  "or",
  "while",
  "with",
  "when",
  "if",
  "as",
  "than",
  "there",
  "it",
  "they",
  "we",
  "he",
  "she",
  "i",
  "you",
  "according",
  "since",
  "by",
  "from",
  "until",
  "after",
  "before",
]);
const CLAUSE_BREAKS = new Set([";", ":", ",", "—", "–", "(", ")", "\u201c", "\u201d", '"']);
const EDGE_PREPOSITIONS = new Set(["of", "on", "in", "for", "to", "at"]);

export interface FigureContext {
  period: string | null;
  place: string | null;
  subject: string | null;
}

interface Span {
  first: number;
  next: number;
}

function isSentenceEnd(text: string, tokens: readonly Token[], j: number): boolean {
  const tok = tokens[j]!;
  const after = tokens[j + 1];
  if (!after) return true;
  for (let k = tok.end; k < after.start; k++) if (text.charCodeAt(k) === 10) return true;
  if (tok.t !== "." && tok.t !== "!" && tok.t !== "?") return false;
  return after.capital || after.kind === "num" || SENTENCE_OPENERS.has(after.t);
}

const WIDE_SPACE_RE = /\s\s|[^\S ]/;
const SENTENCE_OPENERS = new Set(['"', "“", "‘", "'", "("]);

/** The sentence of every token, as [first, next) token indices, in one pass over the text. */
function sentencesOf(text: string, tokens: readonly Token[]): Span[] {
  const bySentence: Span[] = new Array<Span>(tokens.length);
  let first = 0;
  for (let j = 0; j < tokens.length; j++) {
    if (!isSentenceEnd(text, tokens, j)) continue;
    const sentence = { first, next: j + 1 };
    for (let k = first; k <= j; k++) bySentence[k] = sentence;
    first = j + 1;
  }
  return bySentence;
}

/** Every period phrase of a sentence, with offsets into the whole text. */
function periodsOf(text: string, tokens: readonly Token[], sentence: Span): { text: string; at: number; end: number }[] {
  const from = tokens[sentence.first]!.start;
  const lower = text.slice(from, tokens[sentence.next - 1]!.end).toLowerCase();
  const found: { text: string; at: number; end: number }[] = [];
  PERIOD_RE.lastIndex = 0;
  for (let m = PERIOD_RE.exec(lower); m !== null; m = PERIOD_RE.exec(lower)) {
    const phrase = m[0];
    found.push({
      text: WIDE_SPACE_RE.test(phrase) ? phrase.replace(/\s+/g, " ") : phrase,
      at: from + m.index,
      end: from + m.index + phrase.length,
    });
  }
  return found;
}

function findPeriod(
  tokens: readonly Token[],
  periods: readonly { text: string; at: number; end: number }[],
  sentence: Span,
  span: Span,
  others: readonly Span[],
): string | null {
  const figStart = tokens[span.first]!.start;
  const figEnd = tokens[span.next - 1]!.end;
  const nextFigure = others.find((o) => o.first >= span.next);
  let prevFigure: Span | undefined;
  for (const o of others) if (o.next <= span.first) prevFigure = o;
  const afterLimit = nextFigure ? tokens[nextFigure.first]!.start : tokens[sentence.next - 1]!.end;
  const beforeLimit = prevFigure ? tokens[prevFigure.next - 1]!.end : tokens[sentence.first]!.start;
  let before: string | null = null;
  for (const p of periods) {
    // "£5bn a year": a period may start inside the figure's last word boundary.
    if (p.at >= figEnd - 1 && p.end <= afterLimit) return p.text;
    if (p.end <= figStart && p.at >= beforeLimit) before = p.text;
  }
  // Never across another figure: "rose to 4.2%, up from 3.9% in 2023" dates only the 3.9%.
  return before;
}

function findPlaces(placeToks: readonly Token[], sentence: Span): { at: number; next: number; place: string }[] {
  const found: { at: number; next: number; place: string }[] = [];
  for (let k = sentence.first; k < sentence.next; k++) {
    const tok = placeToks[k]!;
    if (tok.kind !== "word" || !tok.capital) continue;
    // "US", "UK" and "EU" only in capitals: "us" is a pronoun.
    if (tok.t.length <= 2 && !tok.allCaps) continue;
    const hit = PLACE_TABLE.matchAt(placeToks, k);
    if (hit) {
      found.push({ at: k, next: hit.next, place: hit.value });
      k = hit.next - 1;
    }
  }
  return found;
}

function nearestPlace(places: readonly { at: number; next: number; place: string }[], span: Span): string | null {
  let best: { place: string; distance: number } | null = null;
  for (const p of places) {
    const distance = p.at >= span.next ? p.at - span.next + 1 : span.first - p.next + 1;
    if (!best || distance < best.distance) best = { place: p.place, distance };
  }
  return best?.place ?? null;
}

function cleanSubject(words: string[]): string | null {
  while (words.length > 0 && EDGE_PREPOSITIONS.has(words[0]!)) words.shift();
  while (words.length > 0 && EDGE_PREPOSITIONS.has(words[words.length - 1]!)) words.pop();
  return words.length > 0 ? words.join(" ") : null;
}

function subjectBefore(placeToks: readonly Token[], sentence: Span, span: Span, placeAt: ReadonlySet<number>): string | null {
  let k = span.first - 1;
  let link = -1;
  for (; k >= sentence.first; k--) {
    const tok = placeToks[k]!;
    if (CLAUSE_BREAKS.has(tok.t)) break;
    if (link < 0 && LINK_WORDS.has(tok.t)) link = k;
  }
  const clauseStart = k + 1;
  if (link < 0) return null;
  let j = link - 1;
  while (j >= clauseStart && SKIP_BEFORE_LINK.has(placeToks[j]!.t)) j--;
  const words: string[] = [];
  for (; j >= clauseStart && words.length < 5; j--) {
    const tok = placeToks[j]!;
    if (tok.kind !== "word" || SUBJECT_STOP.has(tok.t)) break;
    if (placeAt.has(j)) continue;
    // A name (capitalised, not at the clause start, not a place) is the claimant, not the subject.
    if (tok.capital && j !== clauseStart && !tok.allCaps) break;
    words.unshift(tok.t);
  }
  return cleanSubject(words);
}

/** "£3.4bn on new homes", "£2bn for the NHS": what money is spent on. */
function subjectAfter(placeToks: readonly Token[], sentence: Span, span: Span): string | null {
  const k = span.next;
  const tok = placeToks[k];
  if (!tok || (tok.t !== "on" && tok.t !== "for") || k >= sentence.next) return null;
  const words: string[] = [];
  for (let j = k + 1; j < sentence.next && words.length < 4; j++) {
    const w = placeToks[j]!;
    if (w.kind !== "word" || (SUBJECT_STOP.has(w.t) && words.length > 0) || LINK_WORDS.has(w.t)) break;
    if (w.t === "the" || w.t === "a" || w.t === "an") continue;
    words.push(w.t);
  }
  return cleanSubject(words);
}

/**
 * Reads the figures' contexts for one text. Built once per text so sentence bounds and place
 * mentions are found once, not once per figure.
 */
export class ContextReader {
  private readonly placeToks: readonly Token[];
  private readonly placeCache = new Map<number, { at: number; next: number; place: string }[]>();
  private readonly periodCache = new Map<number, { text: string; at: number; end: number }[]>();
  private readonly sentences: Span[];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly figures: readonly Span[],
  ) {
    this.placeToks = tokens;
    this.sentences = sentencesOf(text, tokens);
  }

  describe(span: Span, unitKind: string): FigureContext & { sentence: number } {
    const sentence = this.sentences[span.first]!;
    // A figure never spans two sentences, but a range can ("£3bn. To £4bn"): widen to its end.
    const end = this.sentences[span.next - 1]!;
    if (end !== sentence) return this.describe({ first: span.first, next: span.first + 1 }, unitKind);
    let places = this.placeCache.get(sentence.first);
    if (!places) {
      places = findPlaces(this.placeToks, sentence);
      this.placeCache.set(sentence.first, places);
    }
    let periods = this.periodCache.get(sentence.first);
    if (!periods) {
      periods = periodsOf(this.text, this.tokens, sentence);
      this.periodCache.set(sentence.first, periods);
    }
    const placeAt = new Set<number>();
    for (const p of places) for (let k = p.at; k < p.next; k++) placeAt.add(k);
    const sameSentence = this.figures.filter((f) => f.first >= sentence.first && f.next <= sentence.next && f !== span);
    const subject =
      (unitKind === "currency" ? subjectAfter(this.placeToks, sentence, span) : null) ??
      subjectBefore(this.placeToks, sentence, span, placeAt);
    return {
      sentence: sentence.first,
      period: findPeriod(this.tokens, periods, sentence, span, sameSentence),
      place: nearestPlace(places, span),
      subject,
    };
  }
}
