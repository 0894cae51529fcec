/**
 * A proposed statement for a suggested clause: the clause itself, made short enough for
 * ClaimReview and search tools (~75 characters) where that can be done without changing what is
 * claimed. Figures keep their qualifiers ("at least", "since 2019", "by 2030"). Spelling goes
 * first ("per cent" → "%", "sixty per cent" → "60%", "million" → "m"), then, only while the
 * statement is still too long: asides without a figure, filler words, a reporting lead-in the
 * claimant already says ("We estimate that …") and "more than" / "fewer than" before a figure
 * ("over" / "under"). The editor edits it anyway.
 */
import { ONES as ONE_WORDS, TENS as TEN_WORDS } from "../figures/lexicon";

export const STATEMENT_TARGET = 75;

// One pass for every shorter spelling: "per cent" → "%", "million" → "m", "percentage points" → "points".
const SHORTER_RE = /(\d)\s*(?:per\s?cent|percent)\b|(\d)\s+(million|billion|trillion)\b|\bpercentage points?\b/g;
const SCALE_SHORT: Record<string, string> = { million: "m", billion: "bn", trillion: "tn" };
function shorterForm(_match: string, percentDigit?: string, scaleDigit?: string, scale?: string): string {
  if (percentDigit !== undefined) return `${percentDigit}%`;
  if (scaleDigit !== undefined && scale !== undefined) return `${scaleDigit}${SCALE_SHORT[scale]}`;
  return "points";
}
const EDGE_QUOTES_RE = /^[“”"‘’«»]+|[“”"‘«»]+$/g;
// Whitespace other than single spaces: a tab, a newline, a no-break space or two spaces in a row.
const ODD_SPACE_RE = /[^\S ]|\s\s/;
// Asides between commas that hold no figure: ", which include heart attacks and strokes,".
const ASIDE_RE = /,\s+(?:which|who|whose|including|a|an|the|its|his|her|their)\b[^,\d]{3,80},\s*/g;
const FILLER_RE = /\b(?:also|currently|actually|just|alone|already|now)\s+/g;
// "We estimate that …", "Western officials believe that …": who says it is the claimant's field.
const LEAD_IN_RE =
  /^(?:[\p{L}’'-]+\s+){1,3}?(?:estimates?|estimated|believes?|believed|says?|said|thinks?|found|finds|shows?|showed|calculates?|calculated|reckons?)\s+that\s+/u;
const OVER_UNDER_RE = /\b(more|fewer|less)\s+than\s+(?=[£$€]?\d)/g;

// The figure extractor's number words (lib/figures/lexicon.ts), so both read "sixty" the same way.
const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = { ...ONE_WORDS, ...TEN_WORDS };
const TENS = Object.keys(TEN_WORDS).join("|");
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
// "Sixty per cent", "forty-five per cent", "Two per cent": digits, as the statement's other figures.
const WORD_PERCENT_RE = new RegExp(
  String.raw`\b(?:(${TENS})[- ](${UNITS})|(${Object.keys(NUMBER_WORD_VALUES).join("|")}))\s+(?:per\s?cent|percent)\b`,
  "gi",
);
function wordPercent(_match: string, tens?: string, unit?: string, single?: string): string {
  const value = single
    ? NUMBER_WORD_VALUES[single.toLowerCase()]!
    : NUMBER_WORD_VALUES[tens!.toLowerCase()]! + NUMBER_WORD_VALUES[unit!.toLowerCase()]!;
  return `${value}%`;
}

/** More than STATEMENT_TARGET code points. */
function tooLong(s: string): boolean {
  if (s.length <= STATEMENT_TARGET) return false; // code points never outnumber UTF-16 units
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate finishes a pair already counted
  }
  return n > STATEMENT_TARGET;
}

export function proposeStatement(clause: string): string {
  let s = ODD_SPACE_RE.test(clause) ? clause.replace(/\s+/g, " ") : clause;
  s = s.replace(EDGE_QUOTES_RE, "").trim();
  s = s.replace(SHORTER_RE, shorterForm).replace(WORD_PERCENT_RE, wordPercent);
  if (tooLong(s)) s = s.replace(ASIDE_RE, " ").replace(/\s+/g, " ");
  if (tooLong(s)) s = s.replace(FILLER_RE, "");
  if (tooLong(s)) s = s.replace(LEAD_IN_RE, "");
  if (tooLong(s)) s = s.replace(OVER_UNDER_RE, (_m, word: string) => (word.toLowerCase() === "more" ? "over " : "under "));
  s = s.replace(/[,;:]$/, "").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
