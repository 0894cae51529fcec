/**
 * A proposed statement for a suggested clause: the clause itself, made short enough for
 * ClaimReview and search tools (~75 characters) where that can be done without changing what is
 * claimed. Figures keep their qualifiers ("more than", "since 2019", "by 2030"); only spelling
 * ("per cent" → "%", "million" → "m") and asides without a figure go. The editor edits it anyway.
 */

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
const FILLER_RE = /\b(?:also|currently|actually|just|alone|already)\s+/g;

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
  s = s.replace(SHORTER_RE, shorterForm);
  if (tooLong(s)) s = s.replace(ASIDE_RE, " ").replace(/\s+/g, " ");
  if (tooLong(s)) s = s.replace(FILLER_RE, "");
  s = s.replace(/[,;:]$/, "").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
