import { describe, it, expect } from "vitest";
import { loadEvalSet, sameClaimant } from "../support/suggestion-eval";

// The evaluation set is data for bench/suggest-eval.bench.ts; this keeps it well-formed.
describe("suggestion evaluation set", () => {
  const articles = loadEvalSet();

  it("has six kinds of article and at least 120 labelled clauses, each found where it says", () => {
    expect(articles.map((a) => a.name)).toEqual([
      "council-budget.txt",
      "economy.txt",
      "health-statistics.txt",
      "interview.txt",
      "politics-quotes.txt",
      "war-report.txt",
    ]);
    const labels = articles.flatMap((a) => a.labels);
    expect(labels.length).toBeGreaterThanOrEqual(120);
    for (const a of articles) {
      const cps = Array.from(a.text);
      for (const l of a.labels) {
        expect(cps.slice(l.start, l.end).join("")).toBe(l.exact);
        expect(l.exact).toBe(l.exact.trim());
      }
    }
  });

  it("compares claimants leniently only in the ways it documents", () => {
    expect(sameClaimant("UK Ministry of Defence", "Ministry of Defence")).toBe(true);
    expect(sameClaimant("King’s Fund", "the King's Fund")).toBe(true);
    expect(sameClaimant(null, undefined)).toBe(true);
    expect(sameClaimant(null, "Rachel Moreton")).toBe(false);
    expect(sameClaimant("Rachel Moreton", "Mark Feltham")).toBe(false);
  });
});
