import { describe, expect, it } from "vitest";
import { unmarked } from "../../lib/articles/list-suggestions";
import type { Suggestion } from "../../lib/suggestions/suggest-claims";

function suggestion(start: number, end: number): Suggestion {
  const exact = `s${start}-${end}`;
  return { start, end, exact, context: { start, end, exact }, statement: exact, score: 1, reasons: [] };
}

/** The plain walk over every claim that `unmarked` replaces. */
function naive(suggestions: Suggestion[], marked: { start: number; end: number }[], dismissed: Set<string>) {
  return suggestions.filter((s) => !dismissed.has(s.exact) && !marked.some((m) => s.start < m.end && m.start < s.end));
}

describe("unmarked suggestions", () => {
  it("drops exactly those that overlap a claim or were dismissed", () => {
    const s = [suggestion(0, 10), suggestion(10, 20), suggestion(20, 30), suggestion(30, 40), suggestion(40, 50)];
    // A claim ending where a suggestion starts does not overlap it; one long claim covers two.
    const marked = [
      { start: 5, end: 10 },
      { start: 21, end: 45 },
    ];
    expect(unmarked(s, marked, new Set()).map((x) => x.exact)).toEqual(["s10-20"]);
    expect(unmarked(s, [], new Set(["s10-20"])).map((x) => x.exact)).toEqual(["s0-10", "s20-30", "s30-40", "s40-50"]);
    // A short claim inside a long earlier one: the long one's end still counts.
    expect(
      unmarked(
        s,
        [
          { start: 0, end: 35 },
          { start: 1, end: 2 },
        ],
        new Set(),
      ).map((x) => x.exact),
    ).toEqual(["s40-50"]);
  });

  it("agrees with the walk over every claim on random claims, nested and unsorted", () => {
    // A 32-bit linear congruential generator (Math.imul keeps every bit; a float product would not).
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 200; round++) {
      const suggestions = Array.from({ length: 1 + random(30) }, () => {
        const start = random(200);
        return suggestion(start, start + 1 + random(25));
      });
      const marked = Array.from({ length: random(30) }, () => {
        const start = random(200);
        return { start, end: start + random(40) };
      });
      const dismissed = new Set(suggestions.filter(() => random(5) === 0).map((x) => x.exact));
      expect(unmarked(suggestions, marked, dismissed)).toEqual(naive(suggestions, marked, dismissed));
    }
  });
});
