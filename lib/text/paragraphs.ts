/**
 * The paragraphs of a canonical text (lib/text/canonical.ts): separated by exactly one blank line,
 * each with its start in code points (the unit of every claim offset, docs/anchoring.md). Pure, so
 * client components split the text the same way the server does.
 */

export interface Paragraph {
  /** Code-point offset of the paragraph's first character in the whole text. */
  start: number;
  /** The paragraph's characters, one code point each. */
  chars: string[];
}

export const PARAGRAPH_SEPARATOR = "\n\n";

export function splitParagraphs(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  let cp = 0;
  for (const text of body.split(PARAGRAPH_SEPARATOR)) {
    const chars = Array.from(text);
    out.push({ start: cp, chars });
    cp += chars.length + 2;
  }
  return out;
}

export interface ParagraphPiece {
  before: string;
  marked: string;
  after: string;
}

/** The paragraph(s) that hold the code-point span [start, end), each cut around its part of the span. */
export function paragraphsAround(body: string, start: number, end: number): ParagraphPiece[] {
  const pieces: ParagraphPiece[] = [];
  for (const p of splitParagraphs(body)) {
    const pEnd = p.start + p.chars.length;
    if (pEnd <= start || p.start >= end) continue;
    const a = Math.max(start, p.start) - p.start;
    const b = Math.min(end, pEnd) - p.start;
    pieces.push({ before: p.chars.slice(0, a).join(""), marked: p.chars.slice(a, b).join(""), after: p.chars.slice(b).join("") });
  }
  return pieces;
}
