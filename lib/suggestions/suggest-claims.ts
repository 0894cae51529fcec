/**
 * Suggests check-worthy spans in an article's canonical text and says why.
 *
 * Pure and synchronous: no database, no Next, no node: imports, so it runs in the browser bundle
 * as well as on the server. Offsets in the result are Unicode code points, as everywhere else the
 * desk stores positions in canonical text.
 *
 * Speed budget is 50 ms per 100,000 characters on one core. A full compromise parse costs
 * ~600-800 ms for that much text (~1 ms per sentence), so compromise is used only for its lexicon
 * (first names, surnames, places, organisations, job titles), which is a hash lookup; segmentation,
 * figures and attribution are done with linear scans and regular expressions.
 */
import nlp from "compromise/two";
import { CodePointIndex } from "../text/code-points";

export interface Suggestion {
  /** Code-point offset of the first character of the span. */
  start: number;
  /** Code-point offset just past the span. */
  end: number;
  /** The code-point slice [start, end) of the text. */
  exact: string;
  /** 0..1; higher is more check-worthy. */
  score: number;
  /** Short human-readable reasons, e.g. "percentage: 2.3 per cent", "attributed to David Lammy". */
  reasons: string[];
  /** Who made the claim, when the text names them. */
  claimant?: string;
}

export interface SuggestOptions {
  /** Keep at most this many suggestions (the highest-scoring), still returned in text order. */
  limit?: number;
  /** Drop suggestions scoring below this; defaults to DEFAULT_MIN_SCORE. */
  minScore?: number;
}

/**
 * A quotation with a named speaker but no figure scores 0.32, just above this; a lone date, a
 * small bare number or an attributed opinion falls below it.
 */
export const DEFAULT_MIN_SCORE = 0.3;

// ---------------------------------------------------------------------------------------------
// Lexicon (compromise)

const F_MALE = 1 << 0;
const F_FEMALE = 1 << 1;
const F_FIRST = 1 << 2;
const F_LAST = 1 << 3;
const F_PERSON = 1 << 4;
const F_PLACE = 1 << 5;
const F_ORG = 1 << 6;
const F_ACTOR = 1 << 7;
const F_DEMONYM = 1 << 8;
const F_FUNC = 1 << 9;
const F_VERB = 1 << 10;
const F_ADJ = 1 << 11;
const F_PLURAL = 1 << 12;
const F_NOUN = 1 << 13;
const F_DATE = 1 << 14;

const F_NAME = F_FIRST | F_LAST | F_PERSON;
const F_COMMON = F_FUNC | F_VERB | F_ADJ | F_NOUN | F_PLURAL | F_ACTOR | F_DEMONYM | F_DATE;

const TAG_FLAGS: Record<string, number> = {
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

type RawLexicon = Record<string, string | string[] | undefined>;
let rawLexicon: RawLexicon | null = null;
let orgWords: Record<string, unknown> = {};
const flagCache = new Map<string, number>();
// Bounded so that a long-running server that sees endless vocabulary does not grow forever.
const FLAG_CACHE_MAX = 50_000;

function loadLexicon(): RawLexicon {
  const model = nlp.model() as {
    one?: { lexicon?: RawLexicon };
    two?: { orgWords?: Record<string, unknown> };
  };
  rawLexicon = model.one?.lexicon ?? {};
  orgWords = model.two?.orgWords ?? {};
  return rawLexicon;
}

function flagsOf(word: string): number {
  const lower = word.toLowerCase();
  const cached = flagCache.get(lower);
  if (cached !== undefined) return cached;
  const lexicon = rawLexicon ?? loadLexicon();
  let flags = 0;
  const entry = Object.hasOwn(lexicon, lower) ? lexicon[lower] : undefined;
  if (typeof entry === "string") flags |= TAG_FLAGS[entry] ?? 0;
  else if (Array.isArray(entry)) for (const tag of entry) flags |= TAG_FLAGS[tag] ?? 0;
  if (Object.hasOwn(orgWords, lower) || EXTRA_ORG_WORDS.has(lower)) flags |= F_ORG;
  if (flagCache.size >= FLAG_CACHE_MAX) flagCache.clear();
  flagCache.set(lower, flags);
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Word lists

const EXTRA_ORG_WORDS = new Set([
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

const HONORIFICS: Record<string, "m" | "f" | ""> = {
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
const TITLE_WORDS = new Set([
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

const SPOKES_RE = /^(?:spokes(?:man|woman|person)|official|officials|representative|source|sources)$/i;

const PRONOUN_GENDER: Record<string, "m" | "f" | undefined> = {
  he: "m",
  she: "f",
  they: undefined,
  it: undefined,
  we: undefined,
  i: undefined,
};

const SKIP_BEFORE_VERB = new Set([
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

const PREPOSITIONS = new Set([
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

const PASSIVE_AUXILIARIES = new Set(["was", "were", "is", "are", "be", "been", "being"]);

const DETERMINERS = new Set([
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

const ORG_CONNECTORS = new Set(["of", "for", "and", "on", "&"]);
const NAME_PARTICLES = new Set([
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

const ASSERTIVE_VERBS = [
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
const DIRECTIVE_VERBS = [
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
const DIRECTIVE_SET = new Set(DIRECTIVE_VERBS);
const SPEECH_VERB_SET = new Set([...ASSERTIVE_VERBS, ...DIRECTIVE_VERBS]);

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, "\\s+"))
    .join("|");
}

const SPEECH_VERB_RE = new RegExp(`\\b(?:${alternation([...ASSERTIVE_VERBS, ...DIRECTIVE_VERBS])})\\b`, "g");

// ---------------------------------------------------------------------------------------------
// Signal patterns. Speed matters here: V8 runs case-insensitive Unicode patterns several times
// slower than plain ones, so keyword patterns run with the "g" flag alone over an ASCII-lowercased
// copy of the text (same length, same offsets), and every number is found by one scan and then
// classified by looking at its neighbours with sticky patterns.

const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|half a|a quarter of a";
const MONTH = "January|February|March|April|May|June|July|August|September|October|November|December";

const NUMBER_SCAN_RE = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/g;
const SCALE_AFTER_RE = /(?:\s?(?:bn|tn|mn|m|k)|\s(?:million|billion|trillion|thousand|hundred))(?![a-z0-9])/y;
const PERCENT_AFTER_RE = /\s?(?:%|(?:per\s?cent|percent|percentage\s+points?|pc)(?![a-z]))/y;
const MONEY_WORD_AFTER_RE = /\s?(?:pounds?|dollars?|euros?|pence|cents?|yen|yuan|rupees?|roubles?|rubles?|francs?)(?![a-z])/y;
const PENCE_AFTER_RE = /p(?![A-Za-z0-9])/y;
// Case-sensitive on purpose: "MW" is a unit, "mw" is not, and "m"/"g" alone are too ambiguous.
const UNIT_AFTER_RE =
  /\s?-?(?:km\/h|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|cm|mm|ft|feet|foot|inch(?:es)?|kg|kilo(?:gram)?s?|grams?|tonnes?|tons?|lbs?|mph|kph|°\s?[CF]?|degrees(?:\s(?:Celsius|Fahrenheit|C|F))?|hectares?|acres?|sq(?:uare)?\s(?:km|kilomet(?:re|er)s|miles|met(?:re|er)s|feet)|litres?|liters?|gallons?|barrels?|[kMGT]Wh?|(?:kilo|mega|giga|tera)watts?(?:[- ]hours?)?|kcal|calories|decibels|knots|mg|ml|GB|TB|MB|years?[- ]old)(?![A-Za-z0-9])/y;
const PROPORTION_AFTER_RE =
  /\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|hundred|\d+)(?![a-z0-9])/y;
const CURRENCY_BEFORE_RE = /(?:^|[^A-Za-z0-9])((?:US|A|C|NZ|HK|S)?[£$€¥₹]\s?)$/;
const YEAR_SHAPE_RE = /^(?:1[89]\d\d|20\d\d)$/;
const PERCENT_WORD_RE = /(?:per\s?cent|percent)(?![a-z])/g;
const NUMBER_WORD_BEFORE_RE = new RegExp(`(?:^|[^a-z])((?:${NUMBER_WORDS})\\s?)$`);
const PROPORTION_RE = new RegExp(
  String.raw`\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|hundred|\d+)\b|(?:a|one|two|three|four)[\s-](?:half|third|quarter|fifth|tenth|thirds|quarters|fifths|tenths)\s+of\b|half\s+of\s+(?:all|the)\b|(?:a|the)\s+(?:majority|minority)\s+of\b)`,
  "g",
);
const COUNT_WORD_RE = /\b(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions|hundreds|dozens|scores)\s+of\b/g;
const MONTH_RE = new RegExp(String.raw`\b(?:${MONTH})\b(?:\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?:1[89]|20)\d\d)?`, "g");
const DAY_BEFORE_MONTH_RE = /(?:^|[^0-9])(\d{1,2}(?:st|nd|rd|th)?\s+)$/;
const MONTH_PREPOSITION_RE =
  /(?:^|\s)(?:in|since|from|until|till|by|last|next|early|late|mid|of|on|between|during|before|after|this|end)\s+$/i;
const SINCE_RE = new RegExp(
  String.raw`\bsince\s+(?:records\s+began|the\s+(?:start|beginning|end|middle)\s+of\s+(?:the\s+)?[a-z0-9]+|(?:(?:early|late|mid)[\s-])?(?:1[89]|20)\d\d(?:s)?|(?:\d{1,2}\s+)?(?:${MONTH.toLowerCase()})(?:\s+(?:1[89]|20)\d\d)?|last\s+[a-z]+|then|the\s+(?:19|20)\d\ds|the\s+(?:pandemic|crisis|financial\s+crisis|referendum|election|war|invasion|lockdown)|the\s+[a-z]+\s+(?:election|referendum|war|crash|invasion|pandemic))`,
  "g",
);
const RELATIVE_DATE_RE =
  /\b(?:(?:last|this|next|previous|past)\s+(?:year|month|week|decade|quarter|summer|winter|spring|autumn|financial\s+year)|in\s+the\s+(?:past|last)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few)\s+(?:years|months|decades|weeks)|(?:first|second|third|fourth|final)\s+quarter)\b/g;
const CHANGE_RE =
  /\b(?:(?:rose|risen|rises|rising|rise|fell|fallen|falls|falling|fall|increased|increases|increase|decreased|decreases|decrease|declined|declines|decline|dropped|drops|drop|grew|grown|grows|growing|growth|jumped|jumps|jump|climbed|climbs|surged|surges|soared|soars|plunged|plunges|plummeted|slumped|tumbled|shrank|shrunk|shrinks|slashed|boosted|reduced|cut)\s+(?:by|to|from)|(?:up|down)\s+from|(?:more\s+than\s+)?(?:doubled|tripled|trebled|quadrupled|halved))\b/g;
const BARE_CHANGE_RE =
  /\b(?:rose|fell|increased|decreased|declined|dropped|grew|jumped|climbed|surged|soared|plunged|plummeted|slumped|tumbled|shrank)\b/g;
const COMPARISON_RE =
  /\b(?:(?:more|less|fewer|higher|lower|greater|larger|bigger|smaller|cheaper|dearer|faster|slower|older|younger|longer|shorter|richer|poorer|worse|better|hotter|colder|heavier|lighter|safer|deadlier|wider|narrower)\s+than|(?:worse|better)\s+off\s+than|compared\s+(?:with|to)|(?:half|twice|double|triple|treble|quadruple|(?:three|four|five|ten|\d+)\s+times)\s+(?:the|as|that\s+of|what))\b/g;
// The superlative word comes first so the engine is not tried at every "the"; the determiner
// before it is checked afterwards by superlativeLead().
const SUPERLATIVE_RE =
  /\b(largest|biggest|highest|lowest|smallest|fastest|slowest|longest|shortest|oldest|youngest|richest|poorest|deadliest|busiest|greatest|cheapest|hottest|coldest|wettest|driest|heaviest|worst|best|strongest|weakest|most\s+[a-z]+|least\s+[a-z]+|first\s+time|only)\b(?!\s+possible)|\b(?:record[- ](?:high|low|levels?|numbers?|breaking|temperatures?|year)|a\s+record\b|all[- ]time\s+(?:high|low)|never\s+(?:before|been\s+(?:higher|lower|worse|better|greater|bigger))|for\s+the\s+first\s+time|unprecedented|on\s+record)\b/g;
const SUPERLATIVE_DETERMINERS = new Set(["the", "its", "their", "his", "her", "our", "my", "your"]);
const SUPERLATIVE_MODIFIERS = new Set(["single", "second", "third", "fourth", "fifth"]);
const SUPERLATIVE_SCOPE_RE =
  /^[^.;:!?“”"]{0,50}?\b(?:(?:in|of)\s+(?:the\s+)?(?:world|Europe|history|country|UK|US|EU|\p{Lu}[\p{L}’']+)|ever|on\s+record|since\s+[\p{L}\p{N}]+)/u;
const ACCORDING_RE = /\baccording\s+to\s+/g;

const OPINION_RE =
  /\b(?:(?:i|we)\s+(?:think|believe|feel|reckon|suspect|hope|fear|guess)|in\s+(?:my|our)\s+(?:view|opinion)|thinks?(?!\s+tanks?)|believes?|reckons?|should(?:n’t|n't|\s+not)?|ought\s+to|must(?:n’t|n't)?(?!\s+have\s+been)|(?:it\s+is|it’s|it's|it\s+was)\s+(?:time|vital|crucial|essential|important|clear|right|wrong)|(?:hugely|vitally|incredibly|really|extremely)\s+important|(?:the\s+)?time\s+to\s+act|we\s+(?:urge|call\s+on)|needs?\s+to|appalling|disgraceful|outrageous|shameful|brilliant|fantastic|terrible|wonderful|ridiculous|absurd|a\s+waste\s+of)\b/g;
const PREDICTION_RE =
  /\b(?:will|won’t|won't|shall|would|could|might|may|[a-z]+(?:’ll|'ll)|going\s+to|(?:is|are|was|were)\s+(?:expected|set|likely|forecast|projected|predicted|due)\s+to|if)\b/g;

const CLAUSE_BREAK_RE = /[,;:]\s|\s[–—]\s|\s(?:but|while|whereas|although|though)\s/g;

const PEOPLE_NOUNS = new Set([
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
const COUNT_STOP = new Set([
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
  "more",
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

// ---------------------------------------------------------------------------------------------
// Weights. Combined per sentence as a noisy-OR, so several modest cues add up without exceeding 1.

const W = {
  percentage: 0.55,
  money: 0.55,
  measurement: 0.5,
  quantity: 0.5,
  quantityWords: 0.35,
  proportion: 0.45,
  figure: 0.3,
  smallFigure: 0.2,
  change: 0.35,
  bareChange: 0.25,
  comparison: 0.3,
  superlative: 0.35,
  softSuperlative: 0.25,
  since: 0.25,
  year: 0.15,
  monthDate: 0.1,
  relativeDate: 0.1,
  quotation: 0.2,
  claimant: 0.15,
  according: 0.25,
  unnamedSpeaker: 0.05,
} as const;

const PENALTY = { question: 0.35, opinion: 0.45, prediction: 0.5 } as const;
// A second cue of the same kind ("2.3 per cent ... 2.5 per cent") adds less than the first.
const REPEAT_DECAY = 0.5;

// ---------------------------------------------------------------------------------------------
// Internal structures (all offsets are UTF-16 indices until the very end)

interface Span {
  start: number;
  end: number;
}

interface Sentence extends Span {
  para: number;
  attribution?: Attribution;
}

interface Unit extends Span {
  sentence: number;
}

interface QuoteSeg extends Span {
  para: number;
  closed: boolean;
  /** Who is speaking, once known. */
  speaker: Resolved | undefined;
  /** Index of the segment continuing this one in the next paragraph, or -1. */
  next: number;
  prev: number;
}

interface Resolved {
  claimant?: string;
  /** How the text refers to the speaker, for the reason when no name can be given. */
  label: string;
}

interface Attribution {
  resolved: Resolved;
  directive: boolean;
}

type SignalKind =
  | "percentage"
  | "money"
  | "measurement"
  | "quantity"
  | "proportion"
  | "figure"
  | "change"
  | "comparison"
  | "superlative"
  | "date"
  | "attribution";

interface Signal extends Span {
  kind: SignalKind;
  weight: number;
  reason: string;
}

interface Marker {
  start: number;
  kind: "opinion" | "prediction";
  reason: string;
}

interface Token {
  text: string;
  start: number;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2009 || code === 0x202f;
}

const OPEN_QUOTES = new Set(["“", "«", '"', "‘"]);
const CLOSE_QUOTES = new Set(["”", "»", '"', "’"]);
const QUOTE_MARKS = new Set(["“", "”", "«", "»", '"', "‘", "’"]);

function isCap(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isWord(word: string): boolean {
  return /^[\p{L}\p{N}]/u.test(word);
}

function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function stripPossessive(word: string): { word: string; possessive: boolean } {
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
function previousWord(text: string, end: number): Span | null {
  let e = end;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && /[\p{L}’'\-]/u.test(text.charAt(s - 1))) s--;
  return s < e ? { start: s, end: e } : null;
}

/** Start of "the", "its", "Europe's" (optionally plus "single", "second", "-ly") before pos, or -1. */
function superlativeLead(text: string, pos: number): number {
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

/** Index of the span containing pos, or -1; spans are sorted and disjoint. */
function findSpan(spans: readonly Span[], pos: number): number {
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

const NON_ASCII_WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD_CHAR_RE.test(text.charAt(i));
}

/**
 * Words (with inner apostrophes, hyphens and dots: "O’Brien", "U.S") and single punctuation marks.
 * Hand-written because a Unicode-class regex costs several times more per token here.
 */
function tokenize(text: string, from: number, to: number): Token[] {
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

// ---------------------------------------------------------------------------------------------
// Segmentation

function findParagraphs(text: string): Span[] {
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

// A full stop after these never ends a sentence ("Dr. Morales", "St. Louis") ...
const TITLE_ABBREVIATIONS = new Set([
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
const NUMBER_ABBREVIATIONS = new Set([
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

function splitSentences(text: string, paraIndex: number, para: Span, out: Sentence[]): void {
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
      const wordMatch = /([\p{L}.]+)$/u.exec(text.slice(Math.max(para.start, m.index - 12), m.index));
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

/** Sentences joined by a semicolon are separate claims; each half becomes its own unit. */
function splitUnits(text: string, sentences: readonly Sentence[]): Unit[] {
  const units: Unit[] = [];
  sentences.forEach((s, i) => {
    let start = s.start;
    const slice = text.slice(s.start, s.end);
    for (const m of slice.matchAll(/;\s+/g)) {
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

function findQuotes(text: string, paragraphs: readonly Span[]): QuoteSeg[] {
  const segs: QuoteSeg[] = [];
  paragraphs.forEach((para, p) => {
    let open = -1;
    let single = false;
    const slice = text.slice(para.start, para.end);
    for (const m of slice.matchAll(/[“”"«»‘’]/g)) {
      const i = para.start + m.index;
      const ch = m[0];
      if (ch === "‘" || ch === "’") {
        // ’ is far more often an apostrophe: ‘ opens only at the start of a word and ’ closes only
        // a quotation ‘ opened, where no letter follows it ("‘We won,’ she said").
        if (ch === "‘" && open < 0 && (i === para.start || /[\s(\[—–-]/u.test(text.charAt(i - 1))) && isWordChar(text, i + 1)) {
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

// ---------------------------------------------------------------------------------------------
// People: every capitalised run in the text, classified with the lexicon, so that pronouns,
// surnames and titles can be resolved to a full name seen earlier.

interface Mention {
  pos: number;
  name: string;
  gender: "m" | "f" | "";
  subject: boolean;
  possessive: boolean;
  inQuote: boolean;
}

interface NameInfo {
  claimant: string;
  person: boolean;
  gender: "m" | "f" | "";
  titleWords: string[];
}

// Anchored on Latin capitals: a leading \p{Lu} makes V8 try the whole pattern at every position.
const NAME_RUN_RE =
  /(?<![A-Za-z0-9\u00c0-\u024f’'\-])(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt)\.\s)?[A-Z\u00c0-\u00d6\u00d8-\u00de][\p{L}\p{M}’'\-]*(?:[ \u00a0](?:(?:de|del|della|di|da|dos|du|van|von|der|den|le|la|bin|bint|al|ibn|ter)[ \u00a0])?\p{Lu}[\p{L}\p{M}’'\-]*)*/gu;

const AFTER_NAME_RE =
  /\s*(?:,[^,.;“”"]{1,80},)?\s*,?\s*(?:(?:also|later|then|previously|has|have|had|again|once|recently|\p{Ll}+ly)\s+)*(\p{Ll}[\p{L}\-]*)/uy;
const APPOSITIVE_AFTER_RE = /,\s+(?:the\s+|a\s+)?((?:[\p{L}’'\-]+\s+){0,3}[\p{L}’'\-]+),/uy;
const APPOSITIVE_BEFORE_RE = /(?:^|\s)the\s+((?:[\p{L}’'\-]+\s+){0,3}[\p{L}’'\-]+),\s+$/iu;

function isTitleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return TITLE_WORDS.has(lower) || (flagsOf(lower) & F_ACTOR) !== 0;
}

class People {
  readonly mentions: Mention[] = [];
  private readonly surnames = new Map<string, { full: string; gender: "m" | "f" | ""; pos: number }[]>();
  private readonly titles = new Map<string, { names: Set<string>; pos: number }>();

  constructor(
    private readonly text: string,
    paragraphs: readonly Span[],
    segs: readonly QuoteSeg[],
  ) {
    for (const para of paragraphs) {
      const slice = text.slice(para.start, para.end);
      for (const m of slice.matchAll(NAME_RUN_RE)) this.scanRun(m[0], para.start + m.index, para, segs);
    }
  }

  private scanRun(run: string, pos: number, para: Span, segs: readonly QuoteSeg[]): void {
    const text = this.text;
    const runEnd = pos + run.length;
    const tokens = run.split(/[ \u00a0]+/);
    let info = this.nameInfo(tokens, pos, false);
    // The word after the name decides whether it is a clause subject (for pronouns) and lets two
    // unknown capitalised words count as a person when they are saying something.
    if (!info?.person && tokens.length < 2) return;
    AFTER_NAME_RE.lastIndex = runEnd;
    const after = AFTER_NAME_RE.exec(text);
    const nextWord = after && after.index === runEnd ? (after[1] ?? "") : "";
    const speechNext = SPEECH_VERB_SET.has(nextWord) || SPEECH_VERB_SET.has(`${nextWord} out`);
    if (!info?.person && speechNext) info = this.nameInfo(tokens, pos, true);
    if (!info || !info.person) return;
    const verbNext = speechNext || /ed$/.test(nextWord) || (nextWord !== "" && (flagsOf(nextWord) & F_VERB) !== 0);
    const possessive = /[’']s?$/u.test(run);
    const segIndex = findSpan(segs, pos);
    this.mentions.push({
      pos,
      name: info.claimant,
      gender: info.gender,
      subject: verbNext && !possessive,
      possessive,
      inQuote: segIndex >= 0,
    });
    this.bindTitles(info, pos, runEnd, para);
  }

  /** Record "Health minister Sarah Evans", "the chancellor, Rachel Reeves," and "X, the foreign secretary,". */
  private bindTitles(info: NameInfo, pos: number, runEnd: number, para: Span): void {
    const text = this.text;
    const before = text.slice(Math.max(para.start, pos - 60), pos);
    const keys: string[] = [];
    const words = before.split(/\s+/);
    words.pop(); // the empty string after the trailing space, or a partial word
    const lead: string[] = [];
    for (let i = words.length - 1; i >= 0 && lead.length < 3; i--) {
      const w = words[i]!;
      if (!/^[\p{L}\-]+$/u.test(w) || DETERMINERS.has(w.toLowerCase())) break;
      if (lead.length === 0 && !isTitleWord(w)) break;
      const f = flagsOf(w);
      if (!(isTitleWord(w) || (f & (F_ADJ | F_DEMONYM)) !== 0 || isCap(w))) break;
      lead.unshift(w.toLowerCase());
    }
    if (lead.length > 0 || info.titleWords.length > 0) keys.push([...lead, ...info.titleWords].join(" "));
    const appBefore = APPOSITIVE_BEFORE_RE.exec(before);
    if (appBefore?.[1] && isTitleWord(appBefore[1].split(/\s+/).pop() ?? "")) keys.push(appBefore[1].toLowerCase());
    APPOSITIVE_AFTER_RE.lastIndex = runEnd;
    const appAfter = APPOSITIVE_AFTER_RE.exec(text);
    if (appAfter?.[1] && appAfter.index === runEnd && isTitleWord(appAfter[1].split(/\s+/).pop() ?? "")) {
      keys.push(appAfter[1].toLowerCase());
    }
    for (const key of keys) {
      if (!key) continue;
      const entry = this.titles.get(key);
      if (entry) entry.names.add(info.claimant);
      else this.titles.set(key, { names: new Set([info.claimant]), pos });
    }
  }

  /**
   * Classifies a capitalised run. `asSpeaker` admits two unknown capitalised words as a person
   * when they are the subject of a speech verb ("Priya Sharma said"), where an organisation would
   * usually carry an organisation word or a determiner.
   */
  nameInfo(rawTokens: readonly string[], pos: number, asSpeaker: boolean): NameInfo | null {
    let tokens = rawTokens.map((t) => t.replace(/\.$/, "")).filter((t) => t.length > 0);
    if (tokens.length === 0) return null;
    const last = stripPossessive(tokens[tokens.length - 1]!);
    tokens[tokens.length - 1] = last.word;

    let gender: "m" | "f" | "" = "";
    let honorific = "";
    const titleWords: string[] = [];
    // Sentence-initial capitals ("However", "The", "Speaking") and offices ("Defence Secretary")
    // come off the front; a known surname stays even when it is also a word ("Park").
    while (tokens.length > 0) {
      const t = tokens[0]!;
      const lower = t.toLowerCase();
      if (Object.hasOwn(HONORIFICS, lower)) {
        honorific = t;
        gender = HONORIFICS[lower] ?? "";
        tokens = tokens.slice(1);
        continue;
      }
      if (this.surnames.has(lower)) break;
      const f = flagsOf(lower);
      if ((f & (F_FIRST | F_LAST | F_PERSON)) !== 0 && tokens.length > 1) break;
      if (isTitleWord(t) && tokens.length > 1) {
        titleWords.push(lower);
        tokens = tokens.slice(1);
        continue;
      }
      if ((f & (F_FUNC | F_VERB | F_ADJ | F_DEMONYM)) !== 0 && (f & F_NAME) === 0 && (f & F_ORG) === 0) {
        tokens = tokens.slice(1);
        continue;
      }
      break;
    }
    if (tokens.length === 0) return null;

    const flags = tokens.map((t) => flagsOf(t));
    const anyOrg = flags.some((f) => (f & F_ORG) !== 0);
    const anyPlace = flags.some((f) => (f & F_PLACE) !== 0 && (f & F_NAME) === 0);
    const joined = tokens.join(" ");
    if (anyOrg && !honorific) return { claimant: joined, person: false, gender: "", titleWords };

    const first = flags[0]!;
    let person = false;
    if (honorific) person = true;
    else if (tokens.length === 1) {
      person = this.surnames.has(tokens[0]!.toLowerCase()) || ((first & (F_LAST | F_PERSON)) !== 0 && (first & F_PLACE) === 0);
    } else if (tokens.length <= 4 && !anyPlace) {
      const nameish = flags.map((f) => (f & F_NAME) !== 0);
      const unknown = flags.map((f) => f === 0);
      const lastFlags = flags[flags.length - 1]!;
      if ((first & (F_FIRST | F_PERSON)) !== 0) person = true;
      // First names the lexicon knows only as words ("Maya", "Hope") before a known surname.
      else if ((lastFlags & (F_LAST | F_PERSON)) !== 0 && (first & (F_FUNC | F_PLURAL | F_ACTOR)) === 0) person = true;
      else if (nameish.every((n, i) => n || unknown[i]) && nameish.some((n) => n)) person = true;
      else if (
        asSpeaker &&
        tokens.length <= 3 &&
        flags.every((f) => (f & F_NAME) !== 0 || (f & (F_FUNC | F_PLURAL | F_VERB | F_ACTOR)) === 0)
      ) {
        person = true;
      }
    }

    if (!person) {
      // A lone common word capitalised at the start of a sentence ("Critics said") names nobody.
      if (tokens.length === 1 && (first & F_COMMON) !== 0 && (first & F_NAME) === 0) return null;
      return { claimant: joined, person: false, gender: "", titleWords };
    }

    if (!gender) gender = first & F_MALE ? "m" : first & F_FEMALE ? "f" : "";
    if (tokens.length >= 2) {
      this.registerSurname(tokens[tokens.length - 1]!, joined, gender, pos);
      return { claimant: joined, person: true, gender, titleWords };
    }
    const known = this.fullName(tokens[tokens.length - 1]!, pos, gender);
    if (known) return { claimant: known.full, person: true, gender: gender || known.gender, titleWords };
    return { claimant: honorific ? `${honorific} ${joined}` : joined, person: true, gender, titleWords };
  }

  private registerSurname(surname: string, full: string, gender: "m" | "f" | "", pos: number): void {
    const key = surname.toLowerCase();
    const list = this.surnames.get(key);
    const entry = { full, gender, pos };
    if (!list) this.surnames.set(key, [entry]);
    else if (!list.some((e) => e.full === full && e.pos <= pos)) list.push(entry);
  }

  /** "Mr Lammy" -> the most recent earlier "David Lammy" of a compatible gender. */
  private fullName(surname: string, pos: number, gender: "m" | "f" | "") {
    const list = this.surnames.get(surname.toLowerCase());
    if (!list) return undefined;
    const fits = (g: string) => !gender || !g || g === gender;
    let best: { full: string; gender: "m" | "f" | ""; pos: number } | undefined;
    for (const e of list) if (e.pos <= pos && fits(e.gender) && (!best || e.pos > best.pos)) best = e;
    return best ?? list.find((e) => fits(e.gender));
  }

  /**
   * The most recent person named as the subject of a clause before pos; people mentioned inside
   * quotations or only as possessives ("Putin's role") are passed over because a following
   * "he said" almost never refers to them.
   */
  resolvePronoun(pos: number, gender: "m" | "f"): string | undefined {
    let fallback: string | undefined;
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const m = this.mentions[i]!;
      if (m.pos >= pos) continue;
      if (pos - m.pos > 3000) break;
      if (m.inQuote || (m.gender && m.gender !== gender)) continue;
      if (m.subject) return m.name;
      if (!fallback && !m.possessive) fallback = m.name;
    }
    return fallback;
  }

  /** Only a title bound to exactly one name earlier in the text is trusted. */
  titleHolder(key: string, pos: number): string | undefined {
    const entry = this.titles.get(key);
    if (!entry || entry.names.size !== 1 || entry.pos > pos) return undefined;
    return entry.names.values().next().value;
  }
}

// ---------------------------------------------------------------------------------------------
// Attribution

interface SpeakerNP {
  kind: "name" | "pronoun" | "title" | "org";
  tokens: string[];
  pos: number;
}

function npBeforeVerb(toks: readonly Token[], end: number, nested: boolean): SpeakerNP | null {
  let i = end;
  while (i >= 0) {
    const w = toks[i]!.text;
    const lower = w.toLowerCase();
    if (SKIP_BEFORE_VERB.has(lower) || (/^\p{Ll}+ly$/u.test(w) && lower !== "only")) i--;
    else break;
  }
  if (i < 0) return null;
  const t = toks[i]!;
  if (t.text === "," && !nested) {
    // "the chancellor, Rachel Reeves, said" or "Rachel Reeves, the chancellor, said"
    let j = i - 1;
    while (
      j >= 0 &&
      i - j <= 12 &&
      toks[j]!.text !== "," &&
      (isWord(toks[j]!.text) || toks[j]!.text === "-" || toks[j]!.text === ".")
    )
      j--;
    if (j < 0 || toks[j]!.text !== ",") return null;
    const inner = toks.slice(j + 1, i);
    if (inner.length > 0 && inner.every((x) => isCap(x.text) || NAME_PARTICLES.has(x.text))) {
      return { kind: "name", tokens: inner.map((x) => x.text), pos: inner[0]!.start };
    }
    const head = npBeforeVerb(toks, j - 1, true);
    return head && head.kind === "name" ? head : null;
  }
  const lower = t.text.toLowerCase();
  if (Object.hasOwn(PRONOUN_GENDER, lower) && (lower !== "i" || t.text === "I")) {
    return { kind: "pronoun", tokens: [lower], pos: t.start };
  }
  if (isCap(t.text)) {
    let k = i;
    while (k - 1 >= 0) {
      const prev = toks[k - 1]!.text;
      if (isCap(prev) && isWord(prev)) k--;
      else if ((ORG_CONNECTORS.has(prev) || NAME_PARTICLES.has(prev)) && k - 2 >= 0 && isCap(toks[k - 2]!.text)) k--;
      else break;
    }
    const run = toks.slice(k, i + 1).map((x) => x.text);
    let p = k - 1;
    let determiner = false;
    if (p >= 0 && DETERMINERS.has(toks[p]!.text.toLowerCase())) {
      determiner = true;
      p--;
    }
    if (p >= 0 && PREPOSITIONS.has(toks[p]!.text.toLowerCase())) {
      // "a spokesperson for the Treasury said" names the organisation; "officials in Brussels
      // said" names only where the unnamed speakers were.
      const head = p - 1 >= 0 ? toks[p - 1]!.text : "";
      const via = toks[p]!.text.toLowerCase();
      const named = SPOKES_RE.test(head) && (via === "for" || via === "at" || via === "from" || via === "of");
      return named ? { kind: "org", tokens: run, pos: toks[k]!.start } : null;
    }
    return { kind: determiner ? "org" : "name", tokens: run, pos: toks[k]!.start };
  }
  if (/^\p{Ll}/u.test(t.text)) {
    // A description headed by a noun: "the foreign secretary", "a Treasury spokesperson"
    let k = i;
    while (k >= 0 && i - k < 6 && isWord(toks[k]!.text) && !DETERMINERS.has(toks[k]!.text.toLowerCase())) k--;
    if (k < 0 || !DETERMINERS.has(toks[k]!.text.toLowerCase())) return null;
    const words = toks.slice(k + 1, i + 1).map((x) => x.text);
    if (SPOKES_RE.test(t.text)) {
      const org = words.filter((w) => isCap(w));
      if (org.length > 0) return { kind: "org", tokens: org, pos: toks[k + 1]!.start };
    }
    return { kind: "title", tokens: [toks[k]!.text.toLowerCase(), ...words], pos: toks[k]!.start };
  }
  return null;
}

function npAfterVerb(toks: readonly Token[]): SpeakerNP | null {
  const t = toks[0];
  if (!t) return null;
  const lower = t.text.toLowerCase();
  if (lower === "he" || lower === "she") return { kind: "pronoun", tokens: [lower], pos: t.start };
  if (DETERMINERS.has(lower)) {
    const second = toks[1];
    if (second && isCap(second.text) && isWord(second.text)) {
      const run = npAfterVerb(toks.slice(1));
      if (run && run.kind === "name") {
        // "the French government": the capitalised words only modify the noun that follows.
        const tokens = [...run.tokens];
        for (let i = 1 + run.tokens.length; i < toks.length && tokens.length < run.tokens.length + 2; i++) {
          const w = toks[i]!.text;
          if (!/^\p{Ll}[\p{L}\-]*$/u.test(w) || (flagsOf(w) & (F_FUNC | F_VERB | F_ADJ)) !== 0) break;
          tokens.push(w);
        }
        return { ...run, tokens, kind: "org" };
      }
    }
    const words: string[] = [];
    let i = 1;
    for (; i < toks.length && words.length < 6 && isWord(toks[i]!.text); i++) {
      if (PREPOSITIONS.has(toks[i]!.text.toLowerCase())) break;
      words.push(toks[i]!.text);
    }
    if (words.length === 0) return null;
    if (SPOKES_RE.test(words[words.length - 1]!) && i < toks.length && PREPOSITIONS.has(toks[i]!.text.toLowerCase())) {
      const org = npAfterVerb(toks.slice(i + 1));
      if (org && (org.kind === "name" || org.kind === "org")) return { ...org, kind: "org" };
    }
    return { kind: "title", tokens: [lower, ...words], pos: t.start };
  }
  if (isCap(t.text)) {
    const run: string[] = [t.text];
    for (let i = 1; i < toks.length; i++) {
      const w = toks[i]!.text;
      if (isCap(w) && isWord(w)) run.push(w);
      else if ((ORG_CONNECTORS.has(w) || NAME_PARTICLES.has(w)) && i + 1 < toks.length && isCap(toks[i + 1]!.text)) run.push(w);
      else break;
    }
    return { kind: "name", tokens: run, pos: t.start };
  }
  return null;
}

function resolveSpeaker(np: SpeakerNP, people: People): Resolved | null {
  if (np.kind === "pronoun") {
    const word = np.tokens[0] ?? "";
    const gender = PRONOUN_GENDER[word];
    const claimant = gender ? people.resolvePronoun(np.pos, gender) : undefined;
    return claimant ? { claimant, label: word } : { label: word };
  }
  if (np.kind === "title") {
    const words = np.tokens.slice(1).map((w) => stripPossessive(w).word.toLowerCase());
    const label = np.tokens.join(" ");
    // Only a description headed by an office can be a bound title; "the government" stays as it is.
    if (!isTitleWord(words[words.length - 1] ?? "")) return { label };
    const claimant = people.titleHolder(words.join(" "), np.pos);
    return claimant ? { claimant, label } : { label };
  }
  const tokens = [...np.tokens];
  while (tokens.length > 1 && ORG_CONNECTORS.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (np.kind === "org") {
    const claimant = normaliseSpace(tokens.join(" ").replace(/^(?:The|the)\s+/, ""));
    return { claimant: stripPossessive(claimant).word, label: claimant };
  }
  const info = people.nameInfo(tokens, np.pos, true);
  if (!info) return null;
  return { claimant: info.claimant, label: info.claimant };
}

const ACCORDING_HEAD_RE =
  /^(?:(?:the|a|an)\s+)?(?:(?:latest|new|official|provisional|recent|published|annual|monthly|government|internal)\s+)*(?:figures|data|statistics|estimates|report|survey|study|research|analysis|poll|polling|documents|sources|statement|census|modelling|projections|records)(?:\s+(?:from|by|published\s+by|released\s+by|compiled\s+by|of|for))?\s+/iu;

function parseAccordingTo(text: string, from: number, limit: number, people: People): Resolved {
  const window = text.slice(from, Math.min(limit, from + 160));
  const head = ACCORDING_HEAD_RE.exec(window);
  const offset = head ? head[0].length : 0;
  const toks = tokenize(text, from + offset, Math.min(limit, from + offset + 80));
  let np = npAfterVerb(toks);
  if (np && np.kind === "title") {
    const words = np.tokens.slice(1);
    const caps = words.filter((w) => isCap(w));
    if (caps.length > 0 && caps.length === words.length) np = { kind: "org", tokens: words, pos: np.pos };
  }
  // The words up to the next punctuation describe the source even when nobody is named.
  const describe = /^[^,.;:!?()“”"]{1,80}/u.exec(window);
  const described = normaliseSpace(describe ? describe[0] : window.slice(0, 40));
  if (np && (np.kind === "name" || np.kind === "org" || np.kind === "pronoun")) {
    const resolved = resolveSpeaker(np, people);
    if (resolved?.claimant) return { claimant: resolved.claimant, label: described };
  }
  return { label: described };
}

// ---------------------------------------------------------------------------------------------
// Signals

class SignalCollector {
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
    this.signals.push({ start, end, kind, weight, reason: `${label}: ${normaliseSpace(this.text.slice(start, end))}` });
  }
}

const WORD_AFTER_RE = /[ \u00a0]+([\p{L}][\p{L}’'\-]*)/uy;

function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (PEOPLE_NOUNS.has(lower)) return true;
  const f = flagsOf(lower);
  if ((f & F_PLURAL) !== 0) return true;
  if (lower.length < 4 || !/s$/.test(lower) || /(?:ss|us|is|[’']s)$/.test(lower)) return false;
  return (f & (F_FUNC | F_ADJ)) === 0;
}

/** End of "<number> [up to three modifiers] <plural noun>", or -1 when no such noun follows. */
function countPhraseEnd(text: string, from: number, limit: number): number {
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

function stickyEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function collectSignals(text: string, lower: string, paragraphs: readonly Span[], sentences: readonly Sentence[]): Signal[] {
  const c = new SignalCollector(text);
  const paraEnd = (pos: number) => paragraphs[findSpan(paragraphs, pos)]?.end ?? text.length;

  // Dates first, so that their numbers are not counted again as figures.
  for (const m of lower.matchAll(SINCE_RE)) c.add(m.index, m.index + m[0].length, "date", W.since, "date");
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

function collectMarkers(text: string, lower: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of lower.matchAll(OPINION_RE)) {
    const label = m[0] === "i" || m[0].startsWith("i ") ? `I${m[0].slice(1)}` : m[0];
    markers.push({ start: m.index, kind: "opinion", reason: `opinion: ${normaliseSpace(label)} (down-ranked)` });
  }
  for (const m of lower.matchAll(PREDICTION_RE)) {
    // "May" with a capital is the month (or a name), not the modal.
    if (m[0] === "may" && text.charCodeAt(m.index) === 77) continue;
    markers.push({ start: m.index, kind: "prediction", reason: `prediction: ${normaliseSpace(m[0])} (down-ranked)` });
  }
  return markers.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Main

export function suggestClaims(text: string, options: SuggestOptions = {}): Suggestion[] {
  const minScore = Math.min(1, Math.max(0, options.minScore ?? DEFAULT_MIN_SCORE));
  const limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit));
  if (text.length === 0 || limit === 0) return [];

  const paragraphs = findParagraphs(text);
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, i) => splitSentences(text, i, p, sentences));
  const units = splitUnits(text, sentences);
  const segs = findQuotes(text, paragraphs);
  const people = new People(text, paragraphs, segs);

  attributeSentences(text, sentences, segs, people);
  attributeQuotes(paragraphs, sentences, segs);

  // ASCII-only lowering keeps every offset valid, which a full toLowerCase() would not ("İ").
  const lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  const signals = collectSignals(text, lower, paragraphs, sentences);
  const markers = collectMarkers(text, lower);

  const unitSignals: Signal[][] = units.map(() => []);
  for (const s of signals) {
    const u = findSpan(units, s.start);
    if (u >= 0) unitSignals[u]!.push(s);
  }
  const unitMarkers: Marker[][] = units.map(() => []);
  for (const m of markers) {
    const u = findSpan(units, m.start);
    if (u >= 0) unitMarkers[u]!.push(m);
  }
  const accordings: { start: number; resolved: Resolved }[] = [];
  for (const m of lower.matchAll(ACCORDING_RE)) {
    const u = findSpan(units, m.index);
    if (u >= 0)
      accordings.push({ start: m.index, resolved: parseAccordingTo(text, m.index + m[0].length, units[u]!.end, people) });
  }

  const codePoints = new CodePointIndex(text);
  const results: Suggestion[] = [];
  let accordingIndex = 0;
  units.forEach((unit, u) => {
    while (accordingIndex < accordings.length && accordings[accordingIndex]!.start < unit.start) accordingIndex++;
    const next = accordings[accordingIndex];
    const according = next && next.start < unit.end ? next.resolved : undefined;
    const scored = scoreUnit(text, unit, sentences[unit.sentence]!, unitSignals[u]!, unitMarkers[u]!, segs, according);
    if (!scored) return;
    const span = trimSpan(text, unit, segs);
    if (span.end <= span.start) return;
    const suggestion: Suggestion = {
      start: codePoints.toCp(span.start),
      end: codePoints.toCp(span.end),
      exact: text.slice(span.start, span.end),
      score: scored.score,
      reasons: scored.reasons,
    };
    if (scored.claimant) suggestion.claimant = scored.claimant;
    results.push(suggestion);
  });

  let kept = results.filter((r) => r.score >= minScore && r.score > 0);
  if (kept.length > limit) {
    const best = new Set([...kept].sort((a, b) => b.score - a.score || a.start - b.start).slice(0, limit));
    kept = kept.filter((r) => best.has(r));
  }
  return kept;
}

/** Score, reasons and claimant of one sentence (or semicolon clause), or null when it claims nothing. */
function scoreUnit(
  text: string,
  unit: Unit,
  sentence: Sentence,
  signals: Signal[],
  markers: readonly Marker[],
  segs: readonly QuoteSeg[],
  according: Resolved | undefined,
): { score: number; reasons: string[]; claimant?: string } | null {
  const firstSeg = findFirstSegFrom(segs, unit.start);
  const quoted = firstSeg < segs.length && segs[firstSeg]!.start < unit.end;
  // Most sentences are plain prose; leave them before any allocation.
  if (signals.length === 0 && !sentence.attribution && !according && !quoted) return null;

  // Quotation and attribution apply to the unit as a whole rather than to a clause of it.
  const wide: Signal[] = [];
  const quoteWords = quoted ? quotedWords(text, unit, segs) : 0;
  if (quoteWords >= 3) wide.push(wideSignal(unit, W.quotation, "quotation"));
  if (according) wide.push(wideSignal(unit, W.according, `according to ${according.label}`));
  let speaker: Resolved | undefined;
  if (sentence.attribution && (!sentence.attribution.directive || quoteWords >= 3)) speaker = sentence.attribution.resolved;
  speaker ??= according ?? quoteSpeaker(unit, segs) ?? undefined;
  if (speaker?.claimant) {
    // "according to X" already names the source in its own reason.
    wide.push(wideSignal(unit, W.claimant, speaker === according ? "" : `attributed to ${speaker.claimant}`));
  } else if (speaker && quoteWords >= 3) {
    wide.push(wideSignal(unit, W.unnamedSpeaker, `speaker not named: ${speaker.label}`));
  }
  if (signals.length === 0 && !wide.some((w) => w.weight >= W.claimant)) return null;

  const exact = text.slice(unit.start, unit.end);
  const question = /\?[”’"')\]]*\s*$/u.test(exact) || /\?[”"]/u.test(exact);
  const clauseBreaks: number[] = [];
  if (markers.length > 0) for (const m of exact.matchAll(CLAUSE_BREAK_RE)) clauseBreaks.push(unit.start + m.index);
  const clauseOf = (pos: number) => {
    let n = 0;
    while (n < clauseBreaks.length && clauseBreaks[n]! < pos) n++;
    return n;
  };

  const usedMarkers = new Set<Marker>();
  // Opinion and prediction words count against the clause they sit in, so "we are at 2.3 per
  // cent, ..., and we urge all allies" keeps its figure.
  const clauseFactor = (pos: number | null, record: boolean) => {
    let f = 1;
    const kinds = new Set<string>();
    for (const m of markers) {
      if (kinds.has(m.kind) || (pos !== null && clauseOf(m.start) !== clauseOf(pos))) continue;
      f *= PENALTY[m.kind];
      kinds.add(m.kind);
      if (record) usedMarkers.add(m);
    }
    return f;
  };
  // Being quoted or attributed is worth as much as the surest claim in the unit is certain; with
  // no figure at all, any opinion or prediction word weighs on it.
  const wideFactor =
    signals.length === 0 ? clauseFactor(null, true) : Math.max(...signals.map((s) => clauseFactor(s.start, false)));
  const questionFactor = question ? PENALTY.question : 1;

  const seenKinds = new Map<string, number>();
  let keep = 1;
  const strongestFirst = [...signals].sort((a, b) => b.weight - a.weight || a.start - b.start);
  for (const [s, isWide] of [...strongestFirst.map((x) => [x, false] as const), ...wide.map((x) => [x, true] as const)]) {
    const key = isWide ? `${s.kind}:${s.reason}` : s.kind;
    const seen = seenKinds.get(key) ?? 0;
    seenKinds.set(key, seen + 1);
    const factor = questionFactor * (isWide ? wideFactor : clauseFactor(s.start, true));
    keep *= 1 - s.weight * REPEAT_DECAY ** seen * factor;
  }

  const reasons: string[] = [];
  for (const s of [...signals].sort((a, b) => a.start - b.start)) if (!reasons.includes(s.reason)) reasons.push(s.reason);
  for (const s of wide) if (s.reason && !reasons.includes(s.reason)) reasons.push(s.reason);
  if (question) reasons.push("question (down-ranked)");
  for (const m of markers) if (usedMarkers.has(m) && !reasons.includes(m.reason)) reasons.push(m.reason);

  const result: { score: number; reasons: string[]; claimant?: string } = {
    score: Math.round((1 - keep) * 1000) / 1000,
    reasons,
  };
  if (speaker?.claimant) result.claimant = speaker.claimant;
  return result;
}

function wideSignal(unit: Span, weight: number, reason: string): Signal {
  return { start: unit.start, end: unit.end, kind: "attribution", weight, reason };
}

function attributeSentences(text: string, sentences: Sentence[], segs: readonly QuoteSeg[], people: People): void {
  for (const m of text.matchAll(SPEECH_VERB_RE)) {
    const verbStart = m.index;
    const verbEnd = verbStart + m[0].length;
    if (findSpan(segs, verbStart) >= 0) continue; // the speaker's own words, not an attribution
    const si = findSpan(sentences, verbStart);
    if (si < 0) continue;
    const sentence = sentences[si]!;
    if (sentence.attribution) continue;
    const verb = normaliseSpace(m[0]);
    const before = tokenize(text, Math.max(sentence.start, verbStart - 120), verbStart);
    let np = before.length > 0 ? npBeforeVerb(before, before.length - 1, false) : null;
    const lastBefore = before[before.length - 1]?.text ?? "";
    // "was told by officials": the subject is the listener, not the speaker.
    if (PASSIVE_AUXILIARIES.has(lastBefore.toLowerCase())) continue;
    if (!np && (QUOTE_MARKS.has(lastBefore) || lastBefore === ",")) {
      np = npAfterVerb(tokenize(text, verbEnd, Math.min(sentence.end, verbEnd + 80)));
    }
    if (!np) continue;
    const resolved = resolveSpeaker(np, people);
    if (!resolved) continue;
    sentence.attribution = { resolved, directive: DIRECTIVE_SET.has(verb) };
  }
}

function attributeQuotes(paragraphs: readonly Span[], sentences: readonly Sentence[], segs: QuoteSeg[]): void {
  // Speech verbs outside a quotation speak for every quotation in the same sentence.
  for (const sentence of sentences) {
    if (!sentence.attribution) continue;
    let i = findFirstSegFrom(segs, sentence.start);
    for (; i < segs.length && segs[i]!.start < sentence.end; i++) {
      if (segs[i]!.end > sentence.start && segs[i]!.speaker === undefined) segs[i]!.speaker = sentence.attribution.resolved;
    }
  }
  // Then within a paragraph, "“A,” she said. “B.”": B is hers too.
  for (let i = 1; i < segs.length; i++) {
    const a = segs[i - 1]!;
    const b = segs[i]!;
    if (b.speaker === undefined && a.para === b.para && a.speaker) b.speaker = a.speaker;
  }
  for (let i = segs.length - 2; i >= 0; i--) {
    const a = segs[i]!;
    const b = segs[i + 1]!;
    if (a.speaker === undefined && a.para === b.para && b.speaker) a.speaker = b.speaker;
  }

  const lastSpeaker: (Resolved | undefined)[] = paragraphs.map(() => undefined);
  const sentenceStartOfPara: number[] = [];
  sentences.forEach((s, i) => {
    if (sentenceStartOfPara[s.para] === undefined) sentenceStartOfPara[s.para] = i;
  });
  let segIndex = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    while (segIndex < segs.length && segs[segIndex]!.para < p) segIndex++;
    for (let i = segIndex; i < segs.length && segs[i]!.para === p; i++) {
      const head = segs[i]!;
      if (head.prev >= 0) continue;
      const chain: QuoteSeg[] = [head];
      for (let n = head.next; n >= 0; n = segs[n]!.next) chain.push(segs[n]!);
      const opensParagraph = head.start === para.start;
      // Only a quotation running over paragraphs, or one filling its own paragraph, is the
      // reporting convention's "speaker named at the close or in the paragraph before".
      if (chain.length === 1 && !(opensParagraph && head.end >= para.end - 1)) continue;
      const closing = chain[chain.length - 1]!;
      const before = opensParagraph && p > 0 ? lastSpeaker[p - 1] : undefined;
      const speaker = closing.speaker ?? head.speaker ?? before;
      if (speaker) for (const seg of chain) seg.speaker = speaker;
    }
    // What this paragraph leaves for the next: its last named speaker.
    let last: Resolved | undefined;
    for (let s = sentenceStartOfPara[p] ?? sentences.length; s < sentences.length && sentences[s]!.para === p; s++) {
      const attr = sentences[s]!.attribution;
      if (attr) last = attr.resolved;
      for (let q = findFirstSegFrom(segs, sentences[s]!.start); q < segs.length && segs[q]!.start < sentences[s]!.end; q++) {
        if (segs[q]!.speaker) last = segs[q]!.speaker!;
      }
    }
    lastSpeaker[p] = last;
  }
}

function findFirstSegFrom(segs: readonly QuoteSeg[], pos: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words of the unit that lie inside quotation marks. */
function quotedWords(text: string, unit: Span, segs: readonly QuoteSeg[]): number {
  let words = 0;
  for (let i = findFirstSegFrom(segs, unit.start); i < segs.length && segs[i]!.start < unit.end; i++) {
    const s = Math.max(unit.start, segs[i]!.start);
    const e = Math.min(unit.end, segs[i]!.end);
    let inWord = false;
    for (let k = s; k < e; k++) {
      if (isSpace(text.charCodeAt(k))) inWord = false;
      else if (!inWord && isWordChar(text, k)) {
        inWord = true;
        words++;
      }
    }
  }
  return words;
}

function quoteSpeaker(unit: Span, segs: readonly QuoteSeg[]): Resolved | null {
  let best: Resolved | null = null;
  let bestLength = 0;
  for (let i = findFirstSegFrom(segs, unit.start); i < segs.length && segs[i]!.start < unit.end; i++) {
    const seg = segs[i]!;
    const length = Math.min(unit.end, seg.end) - Math.max(unit.start, seg.start);
    if (seg.speaker && length > bestLength) {
      best = seg.speaker;
      bestLength = length;
    }
  }
  // A scare-quoted phrase in the reporter's own sentence does not make the sentence the speaker's.
  return bestLength * 2 >= unit.end - unit.start ? best : null;
}

/** Trims whitespace, and quotation marks that enclose the whole span rather than part of it. */
function trimSpan(text: string, unit: Span, segs: readonly QuoteSeg[]): Span {
  let start = unit.start;
  let end = unit.end;
  const trimWs = () => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  };
  trimWs();
  const original = start;
  if (OPEN_QUOTES.has(text.charAt(start))) {
    const seg = segs[findSpan(segs, start)];
    if (seg && seg.start === start && seg.end >= end) start++;
  }
  if (CLOSE_QUOTES.has(text.charAt(end - 1))) {
    const seg = segs[findSpan(segs, end - 1)];
    if (seg && seg.closed && seg.end === end && seg.start <= original) end--;
  }
  trimWs();
  return { start, end };
}
