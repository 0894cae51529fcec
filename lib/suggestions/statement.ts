/**
 * A proposed statement for a suggested clause: the clause itself, made short enough for
 * ClaimReview and search tools (~75 characters) where that can be done without changing what is
 * claimed. Figures keep their qualifiers ("more than", "since 2019", "by 2030"); only spelling
 * ("per cent" → "%", "million" → "m") and asides without a figure go. The editor edits it anyway.
 */

export const STATEMENT_TARGET = 75;

const SHORTER_FORMS: [RegExp, string][] = [
  [/(\d)\s*per\s?cent\b/g, "$1%"],
  [/(\d)\s*percent\b/g, "$1%"],
  [/(\d)\s+million\b/g, "$1m"],
  [/(\d)\s+billion\b/g, "$1bn"],
  [/(\d)\s+trillion\b/g, "$1tn"],
  [/\bpercentage points?\b/g, "points"],
];
// Asides between commas that hold no figure: ", which include heart attacks and strokes,".
const ASIDE_RE = /,\s+(?:which|who|whose|including|a|an|the|its|his|her|their)\b[^,\d]{3,80},\s*/g;
const FILLER_RE = /\b(?:also|currently|actually|just|alone|already)\s+/g;

function lengthOf(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate finishes a pair already counted
  }
  return n;
}

export function proposeStatement(clause: string): string {
  let s = clause
    .replace(/\s+/g, " ")
    .replace(/^[“”"‘’«»]+|[“”"‘«»]+$/g, "")
    .trim();
  for (const [re, to] of SHORTER_FORMS) s = s.replace(re, to);
  if (lengthOf(s) > STATEMENT_TARGET) s = s.replace(ASIDE_RE, " ").replace(/\s+/g, " ");
  if (lengthOf(s) > STATEMENT_TARGET) s = s.replace(FILLER_RE, "");
  s = s.replace(/[,;:]$/, "").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
