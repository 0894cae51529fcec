/**
 * How alike two claims are, and why: a weighted mean of signals (shared figures with units, shared
 * claimant, shared named entities, text similarity) times penalties for evidence that they say
 * different things. Deterministic and explainable: every number comes with a reason a person can
 * check. No model and no external service.
 *
 * The seam for a learned model: a signal is a function of two claims' features giving a value in
 * 0..1 (or null when it does not apply). An embedding similarity can be added to SIGNALS with a
 * weight in thresholds.ts; the thresholds must then be re-measured (bench/matching.bench.ts).
 */
import { type ClaimFeatures, type ClaimText, claimFeatures, type MatchFigure } from "./claim-features";
import { MATCH_PENALTIES, MATCH_WEIGHTS, type MatchTier, tierOf } from "./thresholds";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

export interface MatchReason {
  signal: keyof typeof MATCH_WEIGHTS | "conflict";
  /** 0..1 for a signal; the multiplier for a conflict. */
  value: number;
  /** For people: "shares the figures 2.3 % and 2024", "same claimant (rishi sunak)". */
  text: string;
}

export const matchReasonSchema = viewSchema<MatchReason>()(
  z.object({
    signal: z.enum([...(Object.keys(MATCH_WEIGHTS) as (keyof typeof MATCH_WEIGHTS)[]), "conflict"]),
    value: z.number(),
    text: z.string(),
  }),
);

export interface MatchScore {
  score: number;
  tier: MatchTier | null;
  reasons: MatchReason[];
}

interface SignalResult {
  value: number;
  text: string;
}

type Signal = (a: ClaimFeatures, b: ClaimFeatures) => SignalResult | null;

/** pg_trgm's similarity: shared trigrams of the words (each padded "  w ") over all trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Set<string>();
    for (const w of s.split(/\s+/).filter(Boolean)) {
      const padded = `  ${w} `;
      for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.size === 0 || gb.size === 0) return 0;
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / (ga.size + gb.size - shared);
}

function jaccard(a: readonly string[], b: readonly string[]): { value: number; shared: string[] } {
  const sb = new Set(b);
  const shared = [...new Set(a)].filter((x) => sb.has(x));
  const union = new Set([...a, ...b]).size;
  return { value: union ? shared.length / union : 0, shared };
}

/** Fewer content words than this on one side ("we are at 2.3% and rising") is too little text to compare. */
const MIN_TEXT_WORDS = 2;

const text: Signal = (a, b) => {
  if (!a.text || !b.text || a.words.length < MIN_TEXT_WORDS || b.words.length < MIN_TEXT_WORDS) return null;
  const trigram = trigramSimilarity(a.text, b.text);
  const words = jaccard(a.words, b.words);
  // Trigrams forgive inflections and typos; shared words forgive word order. The better one counts.
  const value = Math.max(trigram, words.value);
  return {
    value,
    text: `text ${Math.round(value * 100)} % alike${words.shared.length ? ` (${words.shared.slice(0, 5).join(", ")})` : ""}`,
  };
};

/** "2.3%" may be the other's "2.3% of GDP". */
const percentOf = (x: MatchFigure, y: MatchFigure) => x.unit === "%" && (y.unit?.startsWith("% of ") ?? false);

/** Same amount, and the same unit (a bare number may be the other's count: "7.4m" = "7.4m patients"). */
function sameFigure(x: MatchFigure, y: MatchFigure): boolean {
  if (x.amount !== y.amount) return false;
  if (x.unit === y.unit || percentOf(x, y) || percentOf(y, x)) return true;
  const loose = (f: MatchFigure) => f.unit === null || f.kind === "count";
  return (x.unit === null || y.unit === null) && loose(x) && loose(y);
}

/** Figures that measure the same kind of thing and so can disagree: both % or both GBP, or counts. */
function comparable(x: MatchFigure, y: MatchFigure): boolean {
  if (x.unit === y.unit || percentOf(x, y) || percentOf(y, x)) return true;
  const loose = (f: MatchFigure) => f.unit === null || f.kind === "count";
  return loose(x) && loose(y) && (x.unit === null || y.unit === null);
}

const figures: Signal = (a, b) => {
  if (a.figures.length === 0 && b.figures.length === 0) return null;
  const shared = a.figures.filter((f) => b.figures.some((g) => sameFigure(f, g)));
  const value = shared.length / Math.max(a.figures.length, b.figures.length);
  return {
    value,
    text: shared.length
      ? `shares the figure${shared.length > 1 ? "s" : ""} ${shared.map((f) => f.key).join(", ")}`
      : "no figure in common",
  };
};

const entities: Signal = (a, b) => {
  if (a.entities.length === 0 && b.entities.length === 0) return null;
  const j = jaccard(a.entities, b.entities);
  return { value: j.value, text: j.shared.length ? `names ${j.shared.join(", ")}` : "no name in common" };
};

const claimant: Signal = (a, b) => {
  if (!a.claimant || !b.claimant) return null;
  const same = a.claimant === b.claimant || trigramSimilarity(a.claimant, b.claimant) >= 0.6;
  return { value: same ? 1 : 0, text: same ? `same claimant (${b.claimant})` : `other claimant (${b.claimant})` };
};

/** The signals, each with its weight in thresholds.ts. Add a learned similarity here. */
const SIGNALS: Record<keyof typeof MATCH_WEIGHTS, Signal> = { text, figures, entities, claimant };

const disjoint = (x: readonly string[], y: readonly string[]) => x.length > 0 && y.length > 0 && !x.some((v) => y.includes(v));

function conflicts(a: ClaimFeatures, b: ClaimFeatures): MatchReason[] {
  const out: MatchReason[] = [];
  const shares = a.figures.some((f) => b.figures.some((g) => sameFigure(f, g)));
  const rival = a.figures.find((f) => b.figures.some((g) => comparable(f, g)));
  if (!shares && rival) {
    const theirs = b.figures.filter((g) => comparable(rival, g));
    out.push({
      signal: "conflict",
      value: MATCH_PENALTIES.figureConflict,
      text: `different figure: ${rival.key} here, ${theirs.map((f) => f.key).join(", ")} there`,
    });
  }
  const counted = a.figures.find(
    (f) => f.kind === "count" && b.figures.some((g) => g.kind === "count" && g.amount === f.amount && g.unit !== f.unit),
  );
  if (disjoint(a.subjects, b.subjects) || counted) {
    out.push({
      signal: "conflict",
      value: MATCH_PENALTIES.subjectConflict,
      text: counted
        ? `counts something else (${counted.unit})`
        : `about something else (${a.subjects.join(" ")} / ${b.subjects.join(" ")})`,
    });
  }
  if (a.direction && b.direction && a.direction !== b.direction) {
    out.push({
      signal: "conflict",
      value: MATCH_PENALTIES.directionConflict,
      text: `one says it ${a.direction === "up" ? "rose" : "fell"}, the other that it ${b.direction === "up" ? "rose" : "fell"}`,
    });
  }
  if (a.claimant && b.claimant && a.claimant !== b.claimant && trigramSimilarity(a.claimant, b.claimant) < 0.6) {
    out.push({ signal: "conflict", value: MATCH_PENALTIES.claimantConflict, text: "said by someone else" });
  }
  return out;
}

export function scoreFeatures(a: ClaimFeatures, b: ClaimFeatures): MatchScore {
  let sum = 0;
  let weights = 0;
  const reasons: MatchReason[] = [];
  for (const [name, signal] of Object.entries(SIGNALS) as [keyof typeof MATCH_WEIGHTS, Signal][]) {
    const result = signal(a, b);
    if (!result) continue;
    sum += MATCH_WEIGHTS[name] * result.value;
    weights += MATCH_WEIGHTS[name];
    reasons.push({ signal: name, value: Math.round(result.value * 100) / 100, text: result.text });
  }
  let score = weights ? sum / weights : 0;
  // A figure alone ("we are at 2.3 per cent") is a lead, not proof: at most a possible match.
  const only = reasons.length === 1 && reasons[0]!.signal === "figures";
  if (only) {
    score *= MATCH_PENALTIES.figureOnly;
    reasons.push({ signal: "conflict", value: MATCH_PENALTIES.figureOnly, text: "only a figure to compare" });
  }
  const found = conflicts(a, b);
  for (const c of found) score *= c.value;
  score = Math.round(score * 1000) / 1000;
  return { score, tier: tierOf(score), reasons: [...reasons, ...found] };
}

export function scoreMatch(a: ClaimText, b: ClaimText): MatchScore {
  return scoreFeatures(claimFeatures(a), claimFeatures(b));
}
