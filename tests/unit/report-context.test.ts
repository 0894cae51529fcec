import { describe, expect, it } from "vitest";
import { prepareReport } from "../../lib/reports/prepare";
import { reportFixture } from "../fixtures/report-data";

function contextOf(before: string, after: string) {
  const data = reportFixture("internal");
  const claim = data.claims[0]!;
  claim.contextBefore = before;
  claim.contextAfter = after;
  return prepareReport(data).claims.find((c) => c.id === claim.id)!.context;
}

const graphemes = (s: string) => Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s), (g) => g.segment);

describe("claim context in reports", () => {
  it("is cut between words, with an ellipsis, when the article goes on", () => {
    const words = "establishment ".repeat(20); // 280 characters
    const ctx = contextOf(words, ` ${words}`);
    expect(ctx.isBeforeClipped).toBe(true);
    expect(ctx.isAfterClipped).toBe(true);
    expect(ctx.before).toMatch(/^establishment( establishment)* $/);
    expect(ctx.after).toMatch(/^ establishment( establishment)*$/);
  });

  it("never splits a grapheme cluster, even in text without spaces", () => {
    const family = "👨‍👩‍👧";
    // Five code points each, and one more, so that a cut by code points would fall inside one.
    const ctx = contextOf(family.repeat(80) + "x", "x" + family.repeat(80));
    expect(ctx.isBeforeClipped).toBe(true);
    expect(ctx.isAfterClipped).toBe(true);
    for (const g of [...graphemes(ctx.before), ...graphemes(ctx.after)]) expect([family, "x"]).toContain(g);
  });

  it("is whole, without an ellipsis, when it reaches the start or end of the article", () => {
    const ctx = contextOf("Short start. ", " short end.");
    expect(ctx).toMatchObject({ before: "Short start. ", after: " short end.", isBeforeClipped: false, isAfterClipped: false });
  });
});
