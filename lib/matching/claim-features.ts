/**
 * What claim matching compares, read from a claim's text: its figures (amount and unit, from the
 * shared figure normaliser), the named entities it mentions, its claimant, its content words (with
 * a few newsroom synonyms folded together) and the direction it states (rose / fell).
 *
 * Pure and deterministic: the same claim always gives the same features, in the browser, on the
 * server and in the evaluation (bench/matching.bench.ts).
 */
import nlp from "compromise/two";
import { findFigureSpans } from "../search/figure-terms";

export interface ClaimText {
  statement: string;
  /** The marked quote; its figures and names count too. */
  exact?: string | null;
  claimant?: string | null;
}

export interface MatchFigure {
  /** "2.3 %", "3400000000 GBP", "10000 house". */
  key: string;
  amount: string;
  /** Base unit, count nouns folded ("homes" and "houses" → "house"); null for a bare number. */
  unit: string | null;
  kind: string;
  text: string;
}

export interface ClaimFeatures {
  figures: MatchFigure[];
  /** Lower-cased names and acronyms: "nhs", "north korea". */
  entities: string[];
  /** Lower-cased claimant without titles, or null. */
  claimant: string | null;
  /** Content words of the statement, figures removed, stemmed lightly, synonyms folded. */
  words: string[];
  /** The statement with figures removed, lower-cased, for trigram similarity. */
  text: string;
  direction: "up" | "down" | null;
  /** What the figures measure, as folded words ("unemploy", "defence"), when the text says it. */
  subjects: string[];
}

const STOP = new Set(
  `a an the and or but of to in on at by for from with as is are was were be been being has have had do does did
  it its this that these those there their they them he she his her we our you your i me my not no than then so
  such very more most less least over under about into per cent percent said says say told according also just
  will would could should may might can now new last year years month months week since while who which what when
  where how all any some many much each other same one`.split(/\s+/),
);

/** Words that say the same thing in claims about figures, folded into one. */
const SYNONYMS: Record<string, string> = {
  jobless: "unemploy",
  unemployed: "unemploy",
  unemployment: "unemploy",
  climb: "rise",
  climbed: "rise",
  climbs: "rise",
  grew: "rise",
  grow: "rise",
  grown: "rise",
  increase: "rise",
  increased: "rise",
  increases: "rise",
  rose: "rise",
  risen: "rise",
  rising: "rise",
  rises: "rise",
  higher: "rise",
  jumped: "rise",
  soared: "rise",
  fell: "fall",
  fallen: "fall",
  falls: "fall",
  falling: "fall",
  drop: "fall",
  dropped: "fall",
  drops: "fall",
  decline: "fall",
  declined: "fall",
  decreased: "fall",
  decrease: "fall",
  lower: "fall",
  cut: "fall",
  cuts: "fall",
  slashed: "fall",
  shrank: "fall",
  spend: "spend",
  spending: "spend",
  spent: "spend",
  cost: "spend",
  costs: "spend",
  budget: "spend",
  cars: "vehicle",
  vehicles: "vehicle",
  kids: "child",
  children: "child",
  youngsters: "child",
  people: "people",
  residents: "people",
  citizens: "people",
  firms: "business",
  companies: "business",
  businesses: "business",
  homes: "house",
  houses: "house",
  housing: "house",
  dwellings: "house",
  doctors: "doctor",
  gps: "doctor",
  nurses: "nurse",
  teachers: "teacher",
  police: "police",
  officers: "police",
  prices: "price",
  inflation: "inflation",
  wages: "pay",
  salaries: "pay",
  earnings: "pay",
  pay: "pay",
};

const TIME_UNITS = new Set(["months", "month", "weeks", "week", "days", "day", "years", "year", "quarters", "hours"]);
/** Subject words too general to tell two subjects apart. */
const GENERIC_SUBJECTS = new Set(["spend", "number", "rate", "level", "average", "total", "share", "figure", "amount", "people"]);

const TITLES = /^(?:mr|mrs|ms|dr|prof|sir|dame|lord|lady|president|minister|chancellor)\.?\s+/i;

function stem(word: string): string {
  const folded = SYNONYMS[word];
  if (folded) return folded;
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Capitalised words that are not names when they open a sentence or stand alone. */
const NOT_NAMES = new Set(
  `the a an in on at by for from with this that these those there it its he she we they our their his her
  some many most more less no not one two three four five six seven eight nine ten last next new but and or
  if when while since after before during under over about nearly almost around just only every each`.split(/\s+/),
);

/** One name for places and bodies that news copy names several ways. */
const ALIASES: Record<string, string> = {
  britain: "uk",
  "great britain": "uk",
  british: "uk",
  "united kingdom": "uk",
  america: "us",
  american: "us",
  "united states": "us",
  usa: "us",
  english: "england",
  german: "germany",
  berlin: "germany",
  french: "france",
  paris: "france",
  "european union": "eu",
  european: "eu",
  brussels: "eu",
  "north korean": "north korea",
  russian: "russia",
  moscow: "russia",
  chinese: "china",
  beijing: "china",
  japanese: "japan",
  indian: "india",
  scottish: "scotland",
  ukrainian: "ukraine",
  kyiv: "ukraine",
  "national health service": "nhs",
};

const NAME_TAGS = new Set([
  "Country",
  "Place",
  "City",
  "Region",
  "Organization",
  "FirstName",
  "LastName",
  "Person",
  "ProperNoun",
]);
let lexicon: Record<string, string | string[]> | undefined;

/** compromise's lexicon knows countries, places and organisations ("Germany", "Google", "NHS"). */
function isKnownName(word: string): boolean {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const tags = lexicon[word];
  return (Array.isArray(tags) ? tags : tags ? [tags] : []).some((t) => NAME_TAGS.has(t));
}

function entitiesOf(text: string): string[] {
  const out = new Set<string>();
  const sentences = text.split(/(?<=[.!?])\s+/);
  for (const sentence of sentences) {
    const tokens = sentence.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
    let run: string[] = [];
    const flush = () => {
      if (run.length) {
        const name = run.join(" ").toLowerCase();
        out.add(ALIASES[name] ?? name);
      }
      run = [];
    };
    tokens.forEach((token, i) => {
      const acronym = /^\p{Lu}[\p{Lu}\p{N}]+s?$/u.test(token);
      const capital = /^\p{Lu}[\p{Ll}'’-]+$/u.test(token);
      const lower = token.replace(/['’]s$/, "").toLowerCase();
      // A sentence's first word is capitalised anyway: a name only if it is an acronym or a known name.
      const name = acronym || (capital && (i > 0 ? !NOT_NAMES.has(lower) : isKnownName(lower)));
      if (name) run.push(token.replace(/['’]s$/, ""));
      else flush();
    });
    flush();
  }
  return [...out];
}

export function normaliseClaimant(claimant: string | null | undefined): string | null {
  if (!claimant) return null;
  const clean = claimant
    .replace(TITLES, "")
    .replace(/[^\p{L}\p{N}\s'’-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return clean || null;
}

function stripFigures(text: string): string {
  let out = "";
  let at = 0;
  for (const f of findFigureSpans(text)) {
    out += `${text.slice(at, f.start)} `;
    at = f.end;
  }
  return out + text.slice(at);
}

export function claimFeatures(claim: ClaimText): ClaimFeatures {
  const both = claim.exact && claim.exact !== claim.statement ? `${claim.statement}\n${claim.exact}` : claim.statement;
  const figures = new Map<string, MatchFigure>();
  const subjects = new Set<string>();
  for (const f of findFigureSpans(both)) {
    // A short period ("in the three months to June") is context, not what the claim measures.
    if (f.kind === "measure" && TIME_UNITS.has(f.unit ?? "") && Number(f.amount) <= 12) continue;
    const unit = f.kind === "count" && f.unit ? stem(f.unit.toLowerCase()) : f.unit;
    const key = unit ? `${f.amount} ${unit}` : f.amount;
    if (!figures.has(key)) figures.set(key, { key, amount: f.amount, unit, kind: f.kind, text: f.text });
    for (const w of (f.subject ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      const folded = stem(w);
      if (w.length > 2 && !STOP.has(w) && !GENERIC_SUBJECTS.has(folded)) subjects.add(folded);
    }
  }
  const plain = stripFigures(claim.statement)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ");
  const words = [
    ...new Set(
      plain
        .split(/\s+/)
        .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w))
        .map(stem),
    ),
  ];
  const up = words.includes("rise");
  const down = words.includes("fall");
  return {
    figures: [...figures.values()],
    entities: entitiesOf(both),
    claimant: normaliseClaimant(claim.claimant),
    words,
    text: words.join(" "),
    direction: up === down ? null : up ? "up" : "down",
    subjects: [...subjects],
  };
}
