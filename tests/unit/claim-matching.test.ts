import { describe, expect, it } from "vitest";
import { evaluateMatching } from "../../bench/matching-eval";
import { claimFeatures } from "../../lib/matching/claim-features";
import { matchProbe } from "../../lib/matching/match-probe";
import { scoreMatch, trigramSimilarity } from "../../lib/matching/score-match";

describe("claim matching", () => {
  it("meets its goals on the labelled pairs: same-claim precision ≥ 0.95, possible-match recall ≥ 0.9", () => {
    const e = evaluateMatching();
    expect(e.pairs).toBeGreaterThanOrEqual(150);
    expect(e.same.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.same.truePositives).toBeGreaterThan(0);
    expect(e.possible.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.byKind.unrelated.possible).toBe(0);
  });

  it("explains a match: shared figure with unit, claimant, and a figure alone is only a possible match", () => {
    const same = scoreMatch(
      { statement: "UK defence spending is 2.3% of GDP.", claimant: "Keir Starmer" },
      { statement: "We are at 2.3 per cent of GDP on defence spending.", claimant: "Keir Starmer" },
    );
    expect(same.tier).not.toBeNull();
    expect(same.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining(["shares the figure 2.3 % of GDP", "same claimant (keir starmer)"]),
    );
    const alone = scoreMatch({ statement: "We are at 2.3 per cent" }, { statement: "Inflation is 2.3%" });
    expect(alone.tier).toBe("possible");
    const other = scoreMatch({ statement: "Unemployment rose to 4.5%." }, { statement: "Unemployment rose to 5.2%." });
    expect(other.tier).toBeNull();
    expect(other.reasons.some((r) => r.text.startsWith("different figure"))).toBe(true);
  });

  it("does not judge text alike or not on one content word", () => {
    // "rising" is the only word left of "we are at 2.3% and rising": too little to say the texts differ.
    const rising = scoreMatch(
      { statement: "We are at 2.3% and rising", exact: "We are at 2.3 per cent" },
      { statement: "UK defence spending is 2.3% of GDP", claimant: "Keir Starmer" },
    );
    expect(rising.reasons.some((r) => r.signal === "text")).toBe(false);
    expect(rising.tier).toBe("possible");
    const worded = scoreMatch(
      { statement: "Defence spending keeps rising at 2.3%" },
      { statement: "UK defence spending is 2.3% of GDP" },
    );
    expect(worded.reasons.some((r) => r.signal === "text")).toBe(true);
  });

  it("is deterministic and builds a probe from sanitised words only", () => {
    const a = { statement: "North Korea's 10,000 troops; DROP TABLE claims; --", claimant: "O'Brien" };
    expect(scoreMatch(a, a)).toEqual(scoreMatch(a, a));
    const probe = matchProbe(claimFeatures(a))!;
    expect(probe).toMatch(/^[a-z0-9'&|() ]+$/);
    expect(probe).toContain("'fg10000'");
    expect(trigramSimilarity("rishi sunak", "rishi sunack")).toBeGreaterThan(0.6);
  });
});
