/**
 * Reads the labelled suggestion evaluation set (tests/fixtures/suggestion-eval/*.txt, markup in
 * its README) and scores suggestions against it. Used by bench/suggest-eval.bench.ts and by a unit
 * test that keeps the set well-formed.
 */
import fs from "node:fs";
import path from "node:path";
import type { Suggestion } from "../../lib/suggestions/suggest-claims";

export interface LabelledClause {
  /** Code-point offsets into the article's plain text. */
  start: number;
  end: number;
  exact: string;
  /** null: the reporter's own statement. */
  claimant: string | null;
  claimantType: "Person" | "Organization" | null;
}

export interface EvalArticle {
  name: string;
  text: string;
  labels: LabelledClause[];
}

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "../fixtures/suggestion-eval");
const LABEL_RE = /\[\[([\s\S]*?)\]\]\{([^}]*)\}/g;

export function parseLabelledArticle(name: string, marked: string): EvalArticle {
  let text = "";
  let cp = 0;
  let last = 0;
  const labels: LabelledClause[] = [];
  for (const m of marked.matchAll(LABEL_RE)) {
    const before = marked.slice(last, m.index);
    text += before;
    cp += Array.from(before).length;
    const exact = m[1]!;
    const [who = "", kind = ""] = m[2]!.split("|");
    const length = Array.from(exact).length;
    labels.push({
      start: cp,
      end: cp + length,
      exact,
      claimant: who.trim() || null,
      claimantType: who.trim() ? (kind.trim() === "org" ? "Organization" : "Person") : null,
    });
    text += exact;
    cp += length;
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/\[\[|\]\]/.test(text)) throw new Error(`${name}: unbalanced label markup`);
  return { name, text: text.trimEnd(), labels };
}

export function loadEvalSet(): EvalArticle[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => parseLabelledArticle(f, fs.readFileSync(path.join(DIR, f), "utf8")));
}

/** Lower case, typographic apostrophes folded, leading "the" and a possessive dropped. */
export function normaliseClaimant(name: string | null | undefined): string {
  return (name ?? "")
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^the\s+/, "")
    .replace(/'s?$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Same claimant when the normalised names are equal or one is the other with words added
 * ("Ministry of Defence" for "UK Ministry of Defence", "Moreton" for "Rachel Moreton");
 * no claimant matches only no claimant.
 */
export function sameClaimant(expected: string | null, actual: string | null | undefined): boolean {
  const a = normaliseClaimant(expected);
  const b = normaliseClaimant(actual);
  if (!a || !b) return a === b;
  return a === b || ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

export interface EvalScore {
  suggestions: number;
  labels: number;
  /** Suggestions that overlap a labelled clause and are at most 1.5 times its length. */
  truePositives: number;
  /** Labels found by at least one such suggestion. */
  found: number;
  /** Found labels whose best suggestion names the labelled claimant. */
  claimantRight: number;
  claimantTypeRight: number;
  /** Suggestions whose proposed statement is at most 75 characters. */
  shortStatements: number;
  /**
   * True positives (the suggestions an editor would accept: they match a labelled clause) whose
   * proposed statement is at most 75 characters.
   */
  acceptedShortStatements: number;
  misses: LabelledClause[];
  falsePositives: Suggestion[];
  wrongClaimants: { label: LabelledClause; got: Suggestion }[];
}

/** Issue 10: a proposed statement of at most ~75 characters, short enough for search tools. */
export const STATEMENT_GOAL = 75;

const overlaps = (s: Suggestion, l: LabelledClause) => s.start < l.end && l.start < s.end;
const counts = (s: Suggestion, l: LabelledClause) => overlaps(s, l) && s.end - s.start <= 1.5 * (l.end - l.start);

export function scoreArticle(article: EvalArticle, suggestions: readonly Suggestion[]): EvalScore {
  const score: EvalScore = {
    suggestions: suggestions.length,
    labels: article.labels.length,
    truePositives: 0,
    found: 0,
    claimantRight: 0,
    claimantTypeRight: 0,
    shortStatements: 0,
    acceptedShortStatements: 0,
    misses: [],
    falsePositives: [],
    wrongClaimants: [],
  };
  for (const s of suggestions) {
    const accepted = article.labels.some((l) => counts(s, l));
    const short = Array.from(s.statement).length <= STATEMENT_GOAL;
    if (accepted) score.truePositives++;
    else score.falsePositives.push(s);
    if (short) score.shortStatements++;
    if (accepted && short) score.acceptedShortStatements++;
  }
  for (const l of article.labels) {
    // The suggestion that shares most text with the label speaks for it.
    let best: Suggestion | undefined;
    let bestShared = 0;
    for (const s of suggestions) {
      if (!counts(s, l)) continue;
      const shared = Math.min(s.end, l.end) - Math.max(s.start, l.start);
      if (shared > bestShared) {
        best = s;
        bestShared = shared;
      }
    }
    if (!best) {
      score.misses.push(l);
      continue;
    }
    score.found++;
    if (sameClaimant(l.claimant, best.claimant)) {
      score.claimantRight++;
      if (!l.claimant || l.claimantType === best.claimantType) score.claimantTypeRight++;
    } else score.wrongClaimants.push({ label: l, got: best });
  }
  return score;
}
