/**
 * The paragraphs of a canonical text (lib/text/canonical.ts): separated by exactly one blank line,
 * each with its start in code points (the unit of every claim offset, docs/anchoring.md). Pure, so
 * client components split the text the same way the server does.
 */
import { cpLength } from "./code-points";

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

/** A paragraph as `splitParagraphs` gives it, with its text to cut rather than its characters. */
export interface TextParagraph {
  /** Code-point offset of the paragraph's first character in the whole text. */
  start: number;
  /** Its length in code points. */
  length: number;
  /** The code-point slice [from, to) of the paragraph, offsets relative to its start. */
  slice: (from: number, to: number) => string;
}

/**
 * The paragraphs of `splitParagraphs`, without an array of characters where a paragraph has no
 * character outside the Basic Multilingual Plane (nearly always): there a code-point offset is a
 * string index. Cutting a 100,000-character article into one-character strings and joining them
 * again was the costliest part of rendering the desk's text.
 */
export function splitParagraphTexts(body: string): TextParagraph[] {
  const out: TextParagraph[] = [];
  let cp = 0;
  for (const text of body.split(PARAGRAPH_SEPARATOR)) {
    const length = cpLength(text);
    if (length === text.length) {
      out.push({ start: cp, length, slice: (from, to) => text.slice(from, to) });
    } else {
      const chars = Array.from(text);
      out.push({ start: cp, length, slice: (from, to) => chars.slice(from, to).join("") });
    }
    cp += length + PARAGRAPH_SEPARATOR.length;
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
