/**
 * Suggests check-worthy clauses in an article's canonical text, says why, who claims them and
 * what the claim's statement could be.
 *
 * A suggestion is the checkable clause (the figure or comparison with its subject and qualifiers),
 * not the sentence: the sentence comes with it as context, and a sentence holding several claims
 * gives several suggestions. Stages, one module each: segmentation (paragraphs, sentences,
 * quotations), people (names, titles, organisations), attribution (who said it), signals (figures,
 * dates, comparisons; opinion and prediction markers), furniture (the headline, byline and date
 * line at the top, which suggest nothing), scoring, clauses and statement.
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
import { inferClaimantType } from "../claims/claimant-type";
import { CodePointIndex } from "../text/code-points";
import { attributeQuotes, attributeSentences, parseAccordingTo } from "./attribution";
import { ACCORDING_RE } from "./patterns";
import { People } from "./people";
import { scoreUnit } from "./scoring";
import { findFirstSegFrom, findParagraphs, findQuotes, splitSentences, splitUnits } from "./segmentation";
import { collectMarkers, collectSignals } from "./signals";
import { splitClauses, tightenClause } from "./clauses";
import { proposeStatement } from "./statement";
import { findSpan } from "./text-scan";
import { datelineAt, storyStart } from "./furniture";
import type { ClaimantKind, Marker, QuoteSeg, Resolved, Sentence, Signal, Span } from "./types";
import { z } from "zod";
import { CLAIMANT_TYPES } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

export interface Suggestion {
  /** Code-point offset of the first character of the clause. */
  start: number;
  /** Code-point offset just past the clause. */
  end: number;
  /** The code-point slice [start, end) of the text: the clause to mark. */
  exact: string;
  /** The sentence the clause sits in (code points), kept as context. */
  context: { start: number; end: number; exact: string };
  /** A proposed claim statement (≤ ~75 characters where the clause allows); the editor edits it. */
  statement: string;
  /** 0..1; higher is more check-worthy. */
  score: number;
  /** Short human-readable reasons, e.g. "percentage: 2.3 per cent", "attributed to David Lammy". */
  reasons: string[];
  /** Who made the claim, when the text names them; none for the reporter's own statements. */
  claimant?: string;
  claimantType?: ClaimantKind;
}

export const suggestionSchema = viewSchema<Suggestion>()(
  z.object({
    start: z.number().int(),
    end: z.number().int(),
    exact: z.string(),
    context: z.object({ start: z.number().int(), end: z.number().int(), exact: z.string() }),
    statement: z.string(),
    score: z.number(),
    reasons: z.array(z.string()),
    claimant: z.string().optional(),
    claimantType: z.enum(CLAIMANT_TYPES).optional(),
  }),
);

export interface SuggestOptions {
  /** Keep at most this many suggestions (the highest-scoring), still returned in text order. */
  limit?: number;
  /** Drop suggestions scoring below this; defaults to DEFAULT_MIN_SCORE. */
  minScore?: number;
  /** The article's title: a paragraph at the top repeating it is the headline, never suggested. */
  title?: string;
}

/**
 * A quotation with a named speaker but no figure scores 0.32, just above this; a lone date, a
 * small bare number or an attributed opinion falls below it.
 */
export const DEFAULT_MIN_SCORE = 0.3;

// Signals that make a clause checkable by themselves; a clause holding none of them is kept
// only when its whole sentence holds none (an attributed quotation without figures).
const CORE_KINDS = new Set([
  "percentage",
  "money",
  "measurement",
  "quantity",
  "proportion",
  "figure",
  "change",
  "comparison",
  "superlative",
  "date",
]);
const ACCORDING_FRAME_RE = /^[^,.;:!?“”"]*/u;

/**
 * The text with ASCII letters lowered and every offset still valid. toLowerCase() is much faster
 * and gives the same to the (ASCII) patterns run on it, except for two letters: "İ" lowers to two
 * units and the Kelvin sign to an ASCII "k"; text holding either is lowered letter by letter.
 */
function lowerKeepingOffsets(text: string): string {
  if (!text.includes("\u0130") && !text.includes("\u212a")) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) return lower;
  }
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** The first figure, date or comparison starting inside the piece, in the order the signals were found. */
function firstCoreSignal(signals: readonly Signal[], piece: Span): Signal | undefined {
  for (const s of signals) if (CORE_KINDS.has(s.kind) && s.start >= piece.start && s.start < piece.end) return s;
  return undefined;
}

/** The cues starting inside the clause (a loop, not filter(): this runs for every clause). */
function within<T extends { start: number }>(items: readonly T[], clause: Span): T[] {
  const out: T[] = [];
  for (const x of items) if (x.start >= clause.start && x.start < clause.end) out.push(x);
  return out;
}

function overlapsQuote(segs: readonly QuoteSeg[], unit: Span): boolean {
  const i = findFirstSegFrom(segs, unit.start);
  return i < segs.length && segs[i]!.start < unit.end;
}

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
  attributeQuotes(paragraphs, sentences, segs, people);

  const lower = lowerKeepingOffsets(text);
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
  const accordings: { start: number; resolved: Resolved; frame: Span }[] = [];
  for (const m of lower.matchAll(ACCORDING_RE)) {
    const u = findSpan(units, m.index);
    if (u < 0) continue;
    const unit = units[u]!;
    const tail = ACCORDING_FRAME_RE.exec(text.slice(m.index, unit.end))?.[0] ?? "";
    let frameStart = m.index;
    while (frameStart > unit.start && /[\s,]/.test(text.charAt(frameStart - 1))) frameStart--;
    accordings.push({
      start: m.index,
      resolved: parseAccordingTo(text, m.index + m[0].length, unit.end, people),
      frame: { start: frameStart, end: m.index + tail.length },
    });
  }

  // The headline, byline and date line at the top suggest nothing; a dateline is no part of a clause.
  const story = paragraphs[storyStart(text, paragraphs, options.title)];
  const storyFrom = story?.start ?? 0;
  const dateline = story ? datelineAt(text, story) : null;

  const codePoints = new CodePointIndex(text);
  const results: Suggestion[] = [];
  let accordingIndex = 0;
  units.forEach((unit, u) => {
    if (unit.start < storyFrom) return;
    while (accordingIndex < accordings.length && accordings[accordingIndex]!.start < unit.start) accordingIndex++;
    const next = accordings[accordingIndex];
    const according = next && next.start < unit.end ? next : undefined;
    const sentence = sentences[unit.sentence]!;
    const signalsHere = unitSignals[u]!;
    const markersHere = unitMarkers[u]!;
    // Most sentences are plain prose: nothing to score, nothing to cut.
    if (signalsHere.length === 0 && !sentence.attribution && !according && !overlapsQuote(segs, unit)) return;

    const frames: Span[] = [];
    if (sentence.attribution) frames.push(sentence.attribution.frame);
    if (according) frames.push(according.frame);
    if (dateline && dateline.start >= unit.start && dateline.start < unit.end) frames.push(dateline);
    const pieces = splitClauses(text, unit, frames, segs);
    let clauses: Span[] = [];
    for (const p of pieces) {
      const first = firstCoreSignal(signalsHere, p);
      if (first) clauses.push(tightenClause(text, p, first.start));
    }
    if (clauses.length === 0) {
      // A claim in words only ("We are legally required to set a balanced budget"): the longest
      // piece, when it is short enough to be one claim rather than a speech.
      let longest: Span | undefined;
      for (const p of pieces) if (!longest || p.end - p.start > longest.end - longest.start) longest = p;
      if (!longest || longest.end - longest.start < 20 || longest.end - longest.start > 140) return;
      clauses = [longest];
    }
    const context = {
      start: codePoints.toCp(sentence.start),
      end: codePoints.toCp(sentence.end),
      exact: text.slice(sentence.start, sentence.end),
    };
    for (const piece of clauses) {
      // Snapped to words: a clause never starts or ends in whitespace (a piece can begin at the
      // space after a sentence the segmenter split inside, e.g. after an emoji ZWJ sequence).
      const clause = trimSpan(text, piece);
      if (clause.end <= clause.start) continue;
      const scored = scoreUnit(
        text,
        { start: clause.start, end: clause.end, sentence: unit.sentence },
        sentence,
        within(signalsHere, clause),
        within(markersHere, clause),
        segs,
        according?.resolved,
      );
      if (!scored) continue;
      const exact = text.slice(clause.start, clause.end);
      const suggestion: Suggestion = {
        start: codePoints.toCp(clause.start),
        end: codePoints.toCp(clause.end),
        exact,
        context,
        statement: "", // proposed below, for the suggestions that are kept
        score: scored.score,
        reasons: scored.reasons,
      };
      if (scored.claimant) {
        suggestion.claimant = scored.claimant;
        // The resolver knows a person or an organisation when it named one; otherwise the shared rule.
        suggestion.claimantType = scored.claimantType ?? inferClaimantType(scored.claimant);
      }
      results.push(suggestion);
    }
  });

  let kept = results.filter((r) => r.score >= minScore && r.score > 0);
  if (kept.length > limit) {
    const best = new Set([...kept].sort((a, b) => b.score - a.score || a.start - b.start).slice(0, limit));
    kept = kept.filter((r) => best.has(r));
  }
  for (const r of kept) r.statement = proposeStatement(r.exact);
  return kept;
}

/** `span` without the whitespace at its ends (UTF-16 offsets into `text`). */
function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}
