// Precision and recall of claim matching on the labelled pairs (bench/data/claim-pairs.ts).
// Pure: no database. Used by bench/matching.bench.ts and tests/unit/claim-matching.test.ts.
import { scoreMatch } from "../lib/matching/score-match";
import { MATCH_THRESHOLDS } from "../lib/matching/thresholds";
import { type LabelledPair, labelledPairs, type PairKind } from "./data/claim-pairs";

export interface TierFigures {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Evaluation {
  pairs: number;
  same: TierFigures;
  possible: TierFigures;
  /** How many pairs of each kind reached each tier. */
  byKind: Record<PairKind, { pairs: number; same: number; possible: number }>;
  misses: { pair: LabelledPair; score: number }[];
}

function figures(predicted: boolean[], actual: boolean[]): TierFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  predicted.forEach((p, i) => {
    if (p && actual[i]) tp++;
    else if (p) fp++;
    else if (actual[i]) fn++;
  });
  return {
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

export function evaluateMatching(pairs: LabelledPair[] = labelledPairs()): Evaluation {
  const scores = pairs.map((p) => scoreMatch(p.a, p.b).score);
  const actual = pairs.map((p) => p.isSame);
  const byKind = {} as Evaluation["byKind"];
  pairs.forEach((p, i) => {
    const k = (byKind[p.kind] ??= { pairs: 0, same: 0, possible: 0 });
    k.pairs++;
    if (scores[i]! >= MATCH_THRESHOLDS.same) k.same++;
    if (scores[i]! >= MATCH_THRESHOLDS.possible) k.possible++;
  });
  const misses = pairs
    .map((pair, i) => ({ pair, score: scores[i]! }))
    .filter(({ pair, score }) =>
      pair.isSame ? score < MATCH_THRESHOLDS.possible || score < MATCH_THRESHOLDS.same : score >= MATCH_THRESHOLDS.same,
    );
  return {
    pairs: pairs.length,
    same: figures(
      scores.map((s) => s >= MATCH_THRESHOLDS.same),
      actual,
    ),
    possible: figures(
      scores.map((s) => s >= MATCH_THRESHOLDS.possible),
      actual,
    ),
    byKind,
    misses,
  };
}
