/** Weights and the noisy-OR score of a unit, with its reasons and claimant. */
import { quoteSpeaker, quotedWords } from "./attribution";
import { CLAUSE_BREAK_RE } from "./patterns";
import { findFirstSegFrom } from "./segmentation";
import type { ClaimantKind, Marker, QuoteSeg, Resolved, Sentence, Signal, Span, Unit } from "./types";

export const W = {
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
  deadline: 0.35,
  ordinal: 0.35,
  monthDate: 0.1,
  relativeDate: 0.1,
  quotation: 0.2,
  claimant: 0.15,
  according: 0.25,
  unnamedSpeaker: 0.05,
} as const;

export const PENALTY = { question: 0.35, opinion: 0.45, prediction: 0.6 } as const;
// A second cue of the same kind ("2.3 per cent ... 2.5 per cent") adds less than the first.
export const REPEAT_DECAY = 0.5;

/** Score, reasons and claimant of one sentence (or semicolon clause), or null when it claims nothing. */
export function scoreUnit(
  text: string,
  unit: Unit,
  sentence: Sentence,
  signals: Signal[],
  markers: readonly Marker[],
  segs: readonly QuoteSeg[],
  according: Resolved | undefined,
): { score: number; reasons: string[]; claimant?: string; claimantType?: ClaimantKind } | null {
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
  if (markers.length > 0) {
    CLAUSE_BREAK_RE.lastIndex = 0;
    for (let m = CLAUSE_BREAK_RE.exec(exact); m !== null; m = CLAUSE_BREAK_RE.exec(exact))
      clauseBreaks.push(unit.start + m.index);
  }

  const usedMarkers = new Set<Marker>();
  // A deadline or a scheduled date is a commitment to check, not a forecast ("will open by 2029");
  // a movement to a date is a forecast still ("inflation will fall to 2 per cent by May").
  let scheduled = false;
  for (const s of signals) if (s.label === "deadline") scheduled = true;
  for (const s of signals) if (s.kind === "change") scheduled = false;
  // Being quoted or attributed is worth as much as the surest claim in the unit is certain; with
  // no figure at all, any opinion or prediction word weighs on it.
  let wideFactor = signals.length === 0 ? clauseFactor(markers, clauseBreaks, null, scheduled, usedMarkers) : 0;
  for (const s of signals) wideFactor = Math.max(wideFactor, clauseFactor(markers, clauseBreaks, s.start, scheduled, null));
  const questionFactor = question ? PENALTY.question : 1;

  const seenKinds = new Map<string, number>();
  let keep = 1;
  const strongestFirst = signals.slice().sort((a, b) => b.weight - a.weight || a.start - b.start);
  for (const s of strongestFirst) {
    const seen = seenKinds.get(s.kind) ?? 0;
    seenKinds.set(s.kind, seen + 1);
    const factor = questionFactor * clauseFactor(markers, clauseBreaks, s.start, scheduled, usedMarkers);
    keep *= 1 - s.weight * REPEAT_DECAY ** seen * factor;
  }
  for (const s of wide) {
    const key = `${s.kind}:${s.reason}`;
    const seen = seenKinds.get(key) ?? 0;
    seenKinds.set(key, seen + 1);
    keep *= 1 - s.weight * REPEAT_DECAY ** seen * questionFactor * wideFactor;
  }

  const reasons: string[] = [];
  const textOrder = signals.length > 1 ? signals.slice().sort((a, b) => a.start - b.start) : signals;
  for (const s of textOrder) if (!reasons.includes(s.reason)) reasons.push(s.reason);
  for (const s of wide) if (s.reason && !reasons.includes(s.reason)) reasons.push(s.reason);
  if (question) reasons.push("question (down-ranked)");
  for (const m of markers) if (usedMarkers.has(m) && !reasons.includes(m.reason)) reasons.push(m.reason);

  const result: { score: number; reasons: string[]; claimant?: string; claimantType?: ClaimantKind } = {
    score: Math.round((1 - keep) * 1000) / 1000,
    reasons,
  };
  if (speaker?.claimant) {
    result.claimant = speaker.claimant;
    if (speaker.type) result.claimantType = speaker.type;
  }
  return result;
}

/** Which clause of the unit (counted by CLAUSE_BREAK_RE's breaks) a position is in. */
function clauseIndex(breaks: readonly number[], pos: number): number {
  let n = 0;
  while (n < breaks.length && breaks[n]! < pos) n++;
  return n;
}

/**
 * Opinion and prediction words count against the clause they sit in, so "we are at 2.3 per
 * cent, ..., and we urge all allies" keeps its figure; each kind counts once. `pos` null: the
 * whole unit. The markers applied are added to `used` when it is given.
 */
function clauseFactor(
  markers: readonly Marker[],
  breaks: readonly number[],
  pos: number | null,
  scheduled: boolean,
  used: Set<Marker> | null,
): number {
  let f = 1;
  let opinion = false;
  let prediction = false;
  const clause = pos === null ? -1 : clauseIndex(breaks, pos);
  for (const m of markers) {
    if (m.kind === "opinion" ? opinion : prediction) continue;
    if (pos !== null && clauseIndex(breaks, m.start) !== clause) continue;
    if (scheduled && m.kind === "prediction" && !m.hedged) continue;
    f *= PENALTY[m.kind];
    if (m.kind === "opinion") opinion = true;
    else prediction = true;
    if (used) used.add(m);
  }
  return f;
}

export function wideSignal(unit: Span, weight: number, reason: string): Signal {
  return { start: unit.start, end: unit.end, kind: "attribution", weight, label: "attribution", reason };
}
