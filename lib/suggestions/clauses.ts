/**
 * Clause extraction: the checkable clause inside a sentence, not the sentence. A unit (sentence or
 * semicolon half) is cut at its attribution frames ("Mr Feltham said", ", according to the ONS,"),
 * at quotation boundaries that stand at clause edges, and at joins between claims (", and",
 * "; ", " – ", ", which was"); what is left is trimmed to words. Which pieces become suggestions
 * is the caller's choice (those with a figure, date or comparison in them).
 */
import { findFirstSegFrom } from "./segmentation";
import { isSpace } from "./text-scan";
import type { QuoteSeg, Span } from "./types";

// Joins between two claims. "and" alone joins too much ("476 drones and 48 missiles") to cut at.
const JOIN_RE =
  /;\s+|,\s+(?:and|but|while|whereas|although|though|or|so)\s+|\s+and\s+that\s+|\s+[–—]\s+|,\s+(?=which\s+(?:was|is|were|are|would|will)\s)|:\s+(?=\S)/g;
// First letters of LEADING_WORD_RE's words, lower-cased char codes: most clauses start with none of them.
const LEADING_INITIALS = new Set(Array.from("abhmostwy", (c) => c.charCodeAt(0)));
const LEADING_WORD_RE = /^(?:and|but|so|or|while|although|though|whereas|yet|because|however,?|meanwhile,?)\s+/i;
// Where a long clause may start closer to its figure: "… called on Nato to …, following the
// deployment of 10,000 North Korea troops" keeps "the deployment of 10,000 North Korea troops …".
const SUBORDINATE_RE = /\b(?:following|after|amid|despite|because\s+of|as\s+a\s+result\s+of|including)\s+/g;
export const LONG_CLAUSE = 110;

/** A clause longer than LONG_CLAUSE starts after the last subordinating word before its first figure. */
export function tightenClause(text: string, clause: Span, firstCue: number): Span {
  if (clause.end - clause.start <= LONG_CLAUSE) return clause;
  let start = clause.start;
  const before = text.slice(clause.start, firstCue);
  SUBORDINATE_RE.lastIndex = 0;
  for (let m = SUBORDINATE_RE.exec(before); m !== null; m = SUBORDINATE_RE.exec(before))
    start = clause.start + m.index + m[0].length;
  return start === clause.start ? clause : trimClause(text, { start, end: clause.end });
}
// A comma followed by a second claim about the first ("…, up from £71m", "…, a rise of 1.9 per
// cent", "…, 31 of them in …", "…, we have frozen …") or by a reason that is no claim ("…, largely
// because …").
const COMMA_JOIN_RE =
  /,\s+(?=(?:up|down)\s+from\b|(?:a|an)\s+(?:rise|fall|increase|decrease|drop|cut|jump)\s+of\b|after\s+\S|against\b|below\b|above\b|(?:lower|higher|more|less|fewer|bigger|smaller)\s+than\b|almost\b|nearly\b|compared\b|(?:a|an)\s+(?:figure|claim|number|total|sum|amount)\b|(?:heading|rising|falling)\s+(?:to|for)\b|at\s+a\s+cost\b|the\s+(?:maximum|minimum)\b|largely\b|mainly\b|partly\b|because\b|[£$€]?\d|(?:we|they|I|he|she|it)\s+(?:have|has|had|are|is|was|were|will|would)\b)/g;
// " and " joins two claims when what follows has a verb of its own: "… will close by September
// and opening hours will be cut by 20 per cent"; "476 drones and 48 missiles" stays whole, and so
// does an aside ("calls, which include heart attacks and strokes, was 32 minutes": no comma but
// inside a figure before the verb).
const AND_CLAUSE_RE =
  /\s+and\s+(?=(?:(?:[\p{L}\d’'£$%.-]|,(?=\d))+\s+){0,7}?(?:will|would|was|were|is|are|has|have|had|voted|rose|fell|grew|cut|could)\b)/gu;
// A quick test before AND_CLAUSE_RE, whose leading \s+ is tried at every space.
const AND_WORD_RE = /\sand\s/;
const EDGE_PUNCTUATION = new Set([",", ";", ":", ".", "!", "?", "…", "“", "”", '"', "‘", "«", "»", "(", ")", "–", "—", "-"]);

const PICTOGRAPH_RE = /^(?:\p{Extended_Pictographic}|\u200d|\ufe0f)/u;

/** Trims whitespace, edge punctuation, an unmatched closing ’ and a leading conjunction. */
export function trimClause(text: string, span: Span): Span {
  let { start, end } = span;
  for (let pass = 0; pass < 3; pass++) {
    const passStart = start;
    const passEnd = end;
    while (start < end && (isSpace(text.charCodeAt(start)) || EDGE_PUNCTUATION.has(text.charAt(start)))) start++;
    // Emoji and their joiners before the words ("🚀🚀 The council …") are no part of the claim.
    while (start < end && text.charCodeAt(start) >= 0x80 && PICTOGRAPH_RE.test(text.slice(start, start + 2))) {
      start += text.codePointAt(start)! > 0xffff ? 2 : 1;
    }
    while (end > start && (isSpace(text.charCodeAt(end - 1)) || EDGE_PUNCTUATION.has(text.charAt(end - 1)))) end--;
    // A closing single quotation mark, not an apostrophe ("the Joneses’" keeps it: a letter precedes s).
    if (end > start && text.charAt(end - 1) === "’" && !/s$/i.test(text.charAt(end - 2))) end--;
    const lead = LEADING_INITIALS.has(text.charCodeAt(start) | 0x20)
      ? LEADING_WORD_RE.exec(text.slice(start, Math.min(end, start + 12)))
      : null;
    if (lead && end - start > lead[0].length + 8) start += lead[0].length;
    // A pass that changed nothing would change nothing again.
    if (start === passStart && end === passEnd) break;
  }
  return { start, end };
}

/** The last character before pos that is not a space, or "" at the start of the unit. */
function charBefore(text: string, unit: Span, pos: number): string {
  let p = pos;
  while (p > unit.start && isSpace(text.charCodeAt(p - 1))) p--;
  return p === unit.start ? "" : text.charAt(p - 1);
}

/** A quotation boundary cuts only where it stands at the edge of a clause, not around scare quotes. */
function quoteCuts(text: string, unit: Span, segs: readonly QuoteSeg[]): number[] {
  const cuts: number[] = [];
  for (let i = findFirstSegFrom(segs, unit.start); i < segs.length && segs[i]!.start < unit.end; i++) {
    const seg = segs[i]!;
    if (seg.start > unit.start && /^(?:|[,:;.!?—–])$/.test(charBefore(text, unit, seg.start))) cuts.push(seg.start);
    if (seg.end < unit.end && /[,.!?;:]/.test(text.charAt(seg.end - 2))) cuts.push(seg.end);
  }
  return cuts;
}

function pushPiece(text: string, pieces: Span[], start: number, end: number): void {
  if (end <= start) return;
  const t = trimClause(text, { start, end });
  if (t.end > t.start) pieces.push(t);
}

/** The pieces of a unit between its frames, joins and quotation edges, trimmed; empty ones dropped. */
export function splitClauses(text: string, unit: Span, frames: readonly Span[], segs: readonly QuoteSeg[]): Span[] {
  const gaps: Span[] = [];
  for (const f of frames) if (f.end > unit.start && f.start < unit.end) gaps.push(f);
  const slice = text.slice(unit.start, unit.end);
  // exec loops rather than matchAll, which copies the expression on every call.
  JOIN_RE.lastIndex = 0;
  for (let m = JOIN_RE.exec(slice); m !== null; m = JOIN_RE.exec(slice)) {
    gaps.push({ start: unit.start + m.index, end: unit.start + m.index + m[0].length });
  }
  const hasAnd = AND_WORD_RE.test(slice);
  for (const re of hasAnd ? [COMMA_JOIN_RE, AND_CLAUSE_RE] : [COMMA_JOIN_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      // Only between two clauses of some length: "In October, 54,300 patients …" stays whole.
      const at = unit.start + m.index;
      if (m.index >= 25 && unit.end - at >= 12) gaps.push({ start: at, end: at + m[0].length });
    }
  }
  for (const cut of quoteCuts(text, unit, segs)) gaps.push({ start: cut, end: cut });
  gaps.sort((a, b) => a.start - b.start || a.end - b.end);

  const pieces: Span[] = [];
  let pos = unit.start;
  for (const g of gaps) {
    if (g.start > pos) pushPiece(text, pieces, pos, Math.min(g.start, unit.end));
    pos = Math.max(pos, g.end);
  }
  pushPiece(text, pieces, pos, unit.end);
  return pieces;
}
