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
import { CodePointIndex } from "../text/code-points";
import { attributeQuotes, attributeSentences, parseAccordingTo } from "./attribution";
import { ACCORDING_RE } from "./patterns";
import { People } from "./people";
import { scoreUnit } from "./scoring";
import { findParagraphs, findQuotes, splitSentences, splitUnits, trimSpan } from "./segmentation";
import { collectMarkers, collectSignals } from "./signals";
import { findSpan } from "./text-scan";
import type { Marker, Resolved, Sentence, Signal } from "./types";

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
