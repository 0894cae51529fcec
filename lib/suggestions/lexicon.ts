/**
 * Word knowledge for the suggester: compromise's lexicon read as bit flags (a hash lookup, never
 * a parse; see bench/README.md), and the hand-made word lists (titles, honorifics, speech verbs,
 * determiners, abbreviations) that segmentation, people and attribution share.
 *
 * Longer than ~400 lines because it is mostly word lists, one word a line.
 */
import nlp from "compromise/two";

export const F_MALE = 1 << 0;
export const F_FEMALE = 1 << 1;
export const F_FIRST = 1 << 2;
export const F_LAST = 1 << 3;
export const F_PERSON = 1 << 4;
export const F_PLACE = 1 << 5;
export const F_ORG = 1 << 6;
export const F_ACTOR = 1 << 7;
export const F_DEMONYM = 1 << 8;
export const F_FUNC = 1 << 9;
export const F_VERB = 1 << 10;
export const F_ADJ = 1 << 11;
export const F_PLURAL = 1 << 12;
export const F_NOUN = 1 << 13;
export const F_DATE = 1 << 14;

export const F_NAME = F_FIRST | F_LAST | F_PERSON;
export const F_COMMON = F_FUNC | F_VERB | F_ADJ | F_NOUN | F_PLURAL | F_ACTOR | F_DEMONYM | F_DATE;

export const TAG_FLAGS: Record<string, number> = {
  MaleName: F_MALE | F_FIRST,
  FemaleName: F_FEMALE | F_FIRST,
  FirstName: F_FIRST,
  LastName: F_LAST,
  Person: F_PERSON,
  Country: F_PLACE,
  City: F_PLACE,
  Place: F_PLACE,
  Region: F_PLACE,
  Organization: F_ORG,
  SportsTeam: F_ORG,
  Actor: F_ACTOR,
  Demonym: F_DEMONYM,
  Plural: F_PLURAL,
  Uncountable: F_NOUN,
  Singular: F_NOUN,
  Noun: F_NOUN,
  Adjective: F_ADJ,
  Comparative: F_ADJ,
  Superlative: F_ADJ,
  PastTense: F_VERB,
  PresentTense: F_VERB,
  Infinitive: F_VERB,
  Gerund: F_VERB,
  Participle: F_VERB,
  Verb: F_VERB,
  Copula: F_VERB,
  Determiner: F_FUNC,
  Conjunction: F_FUNC,
  Preposition: F_FUNC,
  Pronoun: F_FUNC,
  Adverb: F_FUNC,
  QuestionWord: F_FUNC,
  Modal: F_FUNC,
  Negative: F_FUNC,
  Possessive: F_FUNC,
  Reflexive: F_FUNC,
  Condition: F_FUNC,
  Month: F_DATE,
  WeekDay: F_DATE,
  Duration: F_PLURAL,
};

export type RawLexicon = Record<string, string | string[] | undefined>;
let rawLexicon: RawLexicon | null = null;
let orgWords: Record<string, unknown> = {};
export const flagCache = new Map<string, number>();
// Bounded so that a long-running server that sees endless vocabulary does not grow forever.
export const FLAG_CACHE_MAX = 50_000;

export function loadLexicon(): RawLexicon {
  const model = nlp.model() as {
    one?: { lexicon?: RawLexicon };
    two?: { orgWords?: Record<string, unknown> };
  };
  rawLexicon = model.one?.lexicon ?? {};
  orgWords = model.two?.orgWords ?? {};
  return rawLexicon;
}

export function flagsOf(word: string): number {
  // Cached under the word as written as well, so that "Minister" costs no toLowerCase() next time.
  const seen = flagCache.get(word);
  if (seen !== undefined) return seen;
  const lower = word.toLowerCase();
  const cached = flagCache.get(lower);
  if (cached !== undefined) {
    if (lower !== word && flagCache.size < FLAG_CACHE_MAX) flagCache.set(word, cached);
    return cached;
  }
  const lexicon = rawLexicon ?? loadLexicon();
  let flags = 0;
  const entry = Object.hasOwn(lexicon, lower) ? lexicon[lower] : undefined;
  if (typeof entry === "string") flags |= TAG_FLAGS[entry] ?? 0;
  else if (Array.isArray(entry)) for (const tag of entry) flags |= TAG_FLAGS[tag] ?? 0;
  if (Object.hasOwn(orgWords, lower) || EXTRA_ORG_WORDS.has(lower)) flags |= F_ORG;
  if (flagCache.size >= FLAG_CACHE_MAX) flagCache.clear();
  flagCache.set(lower, flags);
  if (lower !== word) flagCache.set(word, flags);
  return flags;
}

// Word lists

export const EXTRA_ORG_WORDS = new Set([
  "treasury",
  "government",
  "parliament",
  "commons",
  "congress",
  "senate",
  "cabinet",
  "party",
  "office",
  "college",
  "institute",
  "ministry",
  "department",
  "agency",
  "council",
  "commission",
  "nhs",
  "bbc",
  "ons",
  "obr",
  "imf",
  "nato",
  "un",
  "eu",
  "who",
  "oecd",
  "reuters",
  "statistics",
  "group",
  "inc",
  "ltd",
  "plc",
  "corporation",
  "court",
  "tribunal",
  "authority",
  "regulator",
]);

export const HONORIFICS: Record<string, "m" | "f" | ""> = {
  mr: "m",
  sir: "m",
  lord: "m",
  mrs: "f",
  ms: "f",
  miss: "f",
  dame: "f",
  lady: "f",
  baroness: "f",
  mx: "",
  dr: "",
  prof: "",
  professor: "",
  rev: "",
  sen: "",
  rep: "",
  gov: "",
  gen: "",
  lt: "",
  col: "",
  capt: "",
  sgt: "",
};

// Words that name an office rather than a person; stripped from the front of a name and used to
// bind "the defence secretary" to "Defence Secretary John Healey".
export const TITLE_WORDS = new Set([
  "secretary",
  "minister",
  "president",
  "chancellor",
  "mayor",
  "governor",
  "senator",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "chief",
  "executive",
  "director",
  "chairman",
  "chairwoman",
  "chair",
  "leader",
  "commissioner",
  "ambassador",
  "general",
  "admiral",
  "colonel",
  "captain",
  "judge",
  "inspector",
  "detective",
  "sergeant",
  "superintendent",
  "constable",
  "professor",
  "doctor",
  "premier",
  "king",
  "queen",
  "prince",
  "princess",
  "pope",
  "bishop",
  "archbishop",
  "mp",
  "mep",
  "congressman",
  "congresswoman",
  "deputy",
  "shadow",
  "home",
  "foreign",
  "defence",
  "defense",
  "health",
  "justice",
  "education",
  "business",
  "trade",
  "culture",
  "transport",
  "environment",
  "energy",
  "interior",
  "finance",
  "prime",
  "vice",
  "state",
  "attorney",
  "economist",
  "analyst",
  "editor",
  "founder",
  "boss",
  "ceo",
  "coach",
  "manager",
  "head",
  "officer",
  "official",
  "labour",
  "conservative",
  "tory",
  "democratic",
  "republican",
  "opposition",
  "first",
  "former",
  "junior",
  "incoming",
  "outgoing",
  "acting",
  "interim",
  "party",
]);

export const SPOKES_RE = /^(?:spokes(?:man|woman|person)|official|officials|representative|source|sources)$/i;

export const PRONOUN_GENDER: Record<string, "m" | "f" | undefined> = {
  he: "m",
  she: "f",
  they: undefined,
  it: undefined,
  we: undefined,
  i: undefined,
};

export const SKIP_BEFORE_VERB = new Set([
  "also",
  "later",
  "previously",
  "then",
  "recently",
  "earlier",
  "separately",
  "yesterday",
  "today",
  "repeatedly",
  "once",
  "again",
  "has",
  "had",
  "have",
  "reportedly",
  "publicly",
  "privately",
  "further",
  "subsequently",
  "himself",
  "herself",
  "last",
  "night",
  "week",
  "this",
  "morning",
  "on",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

export const PREPOSITIONS = new Set([
  "in",
  "at",
  "from",
  "of",
  "for",
  "with",
  "on",
  "by",
  "to",
  "about",
  "across",
  "between",
  "against",
  "near",
  "inside",
  "outside",
  "within",
  "into",
  "among",
  "under",
  "over",
  "after",
  "before",
  "during",
  "like",
  "than",
]);

export const PASSIVE_AUXILIARIES = new Set(["was", "were", "is", "are", "be", "been", "being"]);

export const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "his",
  "her",
  "their",
  "its",
  "our",
  "my",
  "this",
  "that",
  "these",
  "those",
  "another",
]);

export const ORG_CONNECTORS = new Set(["of", "for", "and", "on", "&"]);
export const NAME_PARTICLES = new Set([
  "de",
  "del",
  "della",
  "di",
  "da",
  "dos",
  "du",
  "van",
  "von",
  "der",
  "den",
  "le",
  "la",
  "bin",
  "bint",
  "al",
  "ibn",
  "ter",
]);

export const ASSERTIVE_VERBS = [
  "show",
  "shows",
  "showed",
  "said",
  "says",
  "say",
  "told",
  "tells",
  "warned",
  "warns",
  "claimed",
  "stated",
  "added",
  "adds",
  "argued",
  "argues",
  "insisted",
  "insists",
  "explained",
  "explains",
  "noted",
  "announced",
  "announces",
  "revealed",
  "reveals",
  "confirmed",
  "confirms",
  "estimated",
  "reported",
  "wrote",
  "writes",
  "tweeted",
  "admitted",
  "admits",
  "acknowledged",
  "acknowledges",
  "stressed",
  "stresses",
  "suggested",
  "boasted",
  "conceded",
  "concedes",
  "maintained",
  "asserted",
  "alleged",
  "declared",
  "disclosed",
  "emphasised",
  "emphasized",
  "highlighted",
  "pointed out",
  "predicted",
  "replied",
  "responded",
  "recalled",
  "remarked",
  "observed",
  "commented",
  "cautioned",
  "complained",
  "countered",
  "asked",
];
// A call to action reports what someone wants, not what they assert, so these verbs attribute
// only the quotation they introduce: "X urged allies to act following the deployment of 10,000
// troops" leaves the figure to the reporter.
export const DIRECTIVE_VERBS = [
  "urged",
  "urges",
  "called for",
  "calls for",
  "called on",
  "calls on",
  "demanded",
  "demands",
  "vowed",
  "vows",
  "pledged",
  "pledges",
  "promised",
  "promises",
  "pressed",
  "appealed",
];
export const DIRECTIVE_SET = new Set(DIRECTIVE_VERBS);
export const SPEECH_VERB_SET = new Set([...ASSERTIVE_VERBS, ...DIRECTIVE_VERBS]);

export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, "\\s+"))
    .join("|");
}

export const SPEECH_VERB_RE = new RegExp(`\\b(?:${alternation([...ASSERTIVE_VERBS, ...DIRECTIVE_VERBS])})\\b`, "g");

export const PEOPLE_NOUNS = new Set([
  "people",
  "men",
  "women",
  "children",
  "staff",
  "police",
  "personnel",
  "cattle",
  "sheep",
  "deer",
  "fish",
  "aircraft",
  "teeth",
  "feet",
  "mice",
  "geese",
  "crew",
  "youth",
  "livestock",
]);
export const COUNT_STOP = new Set([
  "of",
  "to",
  "in",
  "on",
  "at",
  "by",
  "for",
  "from",
  "with",
  "than",
  "as",
  "and",
  "or",
  "but",
  "the",
  "a",
  "an",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "has",
  "have",
  "had",
  "per",
  "that",
  "this",
  "these",
  "those",
  "which",
  "who",
  "it",
  "its",
  "their",
  "his",
  "her",
  "our",
  "up",
  "down",
  "over",
  "under",
  "less",
  "into",
  "since",
  "after",
  "before",
  "during",
  "while",
  "not",
  "no",
  "ago",
  "then",
  "when",
  "where",
  "will",
  "would",
  "could",
  "can",
  "may",
  "might",
  "said",
]);

// A full stop after these never ends a sentence ("Dr. Morales", "St. Louis") ...
export const TITLE_ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sen",
  "rep",
  "gov",
  "gen",
  "col",
  "lt",
  "sgt",
  "capt",
  "rev",
  "st",
  "hon",
  "mt",
  "messrs",
]);
// ... and after these only when a number follows ("No. 10", "Jan. 5"); "the answer was no." ends.
export const NUMBER_ABBREVIATIONS = new Set([
  "no",
  "nos",
  "vs",
  "v",
  "cf",
  "approx",
  "est",
  "fig",
  "vol",
  "art",
  "p",
  "pp",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);
