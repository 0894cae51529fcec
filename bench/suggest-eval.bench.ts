/**
 * Quality of suggestions on the labelled evaluation set: `npm run bench -- suggest-eval`.
 *
 * Precision: share of suggestions that overlap a labelled clause and are at most 1.5 times its
 * length. Recall: share of labelled clauses found by such a suggestion. Claimant accuracy: share
 * of found clauses whose suggestion names the labelled claimant (or none for the reporter's own
 * statements). Exits 1 when a goal of issue 10 is missed. `--details` lists misses, false
 * positives and wrong claimants.
 */
import { suggestClaims } from "../lib/suggestions/suggest-claims";
import { type EvalScore, STATEMENT_GOAL, loadEvalSet, scoreArticle } from "../tests/support/suggestion-eval";

const GOALS = { recall: 0.9, precision: 0.7, claimantAccuracy: 0.9 };
const details = process.argv.includes("--details");

const articles = loadEvalSet();
const totals = {
  suggestions: 0,
  labels: 0,
  truePositives: 0,
  found: 0,
  claimantRight: 0,
  claimantTypeRight: 0,
  short: 0,
  acceptedShort: 0,
};
const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`);

console.log("article                 labels  sugg.  recall   precision  claimant");
for (const article of articles) {
  const suggestions = suggestClaims(article.text);
  if (suggestions.length === 0) {
    console.error(`FAIL: no suggestions at all for ${article.name}`);
    process.exit(1);
  }
  const s: EvalScore = scoreArticle(article, suggestions);
  totals.suggestions += s.suggestions;
  totals.labels += s.labels;
  totals.truePositives += s.truePositives;
  totals.found += s.found;
  totals.claimantRight += s.claimantRight;
  totals.claimantTypeRight += s.claimantTypeRight;
  totals.short += s.shortStatements;
  totals.acceptedShort += s.acceptedShortStatements;
  console.log(
    `${article.name.padEnd(24)}${String(s.labels).padStart(6)}${String(s.suggestions).padStart(7)}  ${pct(s.found, s.labels).padStart(7)}  ${pct(s.truePositives, s.suggestions).padStart(9)}  ${pct(s.claimantRight, s.found).padStart(8)}`,
  );
  if (details) {
    for (const l of s.misses) console.log(`   MISS  ${JSON.stringify(l.exact)}`);
    for (const f of s.falsePositives) console.log(`   FP    ${JSON.stringify(f.exact)} (${f.score})`);
    for (const w of s.wrongClaimants)
      console.log(
        `   WHO   ${JSON.stringify(w.label.exact.slice(0, 60))}: want ${w.label.claimant ?? "-"}, got ${w.got.claimant ?? "-"}`,
      );
  }
}

const recall = totals.found / totals.labels;
const precision = totals.truePositives / totals.suggestions;
const claimantAccuracy = totals.claimantRight / totals.found;
console.log("");
console.log(`labelled clauses: ${totals.labels} in ${articles.length} articles; suggestions: ${totals.suggestions}`);
console.log(`recall:              ${recall.toFixed(3)}  (goal ≥ ${GOALS.recall})`);
console.log(`precision:           ${precision.toFixed(3)}  (goal ≥ ${GOALS.precision})`);
console.log(`claimant accuracy:   ${claimantAccuracy.toFixed(3)}  (goal ≥ ${GOALS.claimantAccuracy})`);
console.log(`claimant type right: ${(totals.claimantTypeRight / totals.found).toFixed(3)}`);
console.log(
  `statements ≤ ${STATEMENT_GOAL} chars: ${pct(totals.acceptedShort, totals.truePositives)} of accepted suggestions (those matching a labelled clause), ${pct(totals.short, totals.suggestions)} of all`,
);

const missed = Object.entries({ recall, precision, claimantAccuracy }).filter(([k, v]) => v < GOALS[k as keyof typeof GOALS]);
if (missed.length > 0) {
  console.error(`FAIL: missed ${missed.map(([k]) => k).join(", ")}`);
  process.exit(1);
}
console.log("OK");
