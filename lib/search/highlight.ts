/**
 * Highlighted text as data: a list of segments, each matched or not. The page renders them as
 * text nodes and <mark> elements (never as HTML), and the JSON API returns them as they are, so a
 * claim or an article containing markup can never inject it.
 *
 * PostgreSQL's ts_headline marks the words it matched with two private-use characters
 * (HIGHLIGHT_START / HIGHLIGHT_END), which the query strips from the stored text first. Figures
 * are marked here instead: the database matched their search words, not the text as written.
 */
import { type FigureSpan, findFigureSpans } from "./figure-terms";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

export interface Segment {
  text: string;
  match: boolean;
}

export const segmentSchema = viewSchema<Segment>()(z.object({ text: z.string(), match: z.boolean() }));

export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";
/** What "<", ">" and "&" are replaced with before ts_headline reads a text (search-desk.ts). */
export const MARKUP_STAND_INS = "\uE003\uE004\uE005";
const RESTORE: Record<string, string> = { "\uE003": "<", "\uE004": ">", "\uE005": "&" };

function sameFigure(found: FigureSpan, wanted: FigureSpan): boolean {
  // A counted noun is searched as a word of its own (parse-query.ts): "12,345 people" for "12345 ferries".
  return found.amount === wanted.amount && (wanted.unit === null || wanted.kind === "count" || found.unit === wanted.unit);
}

/** Text with marker characters → segments, with every spelling of the query's figures marked too. */
export function toSegments(marked: string, figures: readonly FigureSpan[] = []): Segment[] {
  const plain: string[] = [];
  const ranges: [number, number][] = [];
  let length = 0;
  let open = -1;
  for (const piece of marked.split(/([\uE000\uE001])/)) {
    if (piece === HIGHLIGHT_START) open = length;
    else if (piece === HIGHLIGHT_END) {
      if (open >= 0) ranges.push([open, length]);
      open = -1;
    } else {
      plain.push(piece);
      length += piece.length;
    }
  }
  const text = plain.join("").replace(/[\uE003-\uE005]/g, (c) => RESTORE[c]!);
  if (figures.length) {
    for (const f of findFigureSpans(text)) if (figures.some((w) => sameFigure(f, w))) ranges.push([f.start, f.end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) segments.push({ text: text.slice(at, from), match: false });
    segments.push({ text: text.slice(from, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

export function hasMatch(segments: readonly Segment[]): boolean {
  return segments.some((s) => s.match);
}
