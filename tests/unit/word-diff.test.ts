import { describe, expect, it } from "vitest";
import { countChangedWords, diffWords, sidesOf } from "@/lib/text/word-diff";

const join = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

describe("word diff", () => {
  it("replaces a figure as one word: 2.3 → 2.5", () => {
    const parts = diffWords("we are at 2.3 per cent of GDP", "we are at 2.5 per cent of GDP");
    expect(parts).toEqual([
      { op: "equal", text: "we are at " },
      { op: "delete", text: "2.3" },
      { op: "insert", text: "2.5" },
      { op: "equal", text: " per cent of GDP" },
    ]);
    expect(countChangedWords(parts)).toEqual({ inserted: 1, deleted: 1 });
  });

  it("keeps both texts whole on their sides", () => {
    const before = "The bridge cost £3.4bn, twice the budget.\n\nIt opened in 2019.";
    const after = "The new bridge cost £3.9bn, twice the budget.\n\nIt opened late, in 2020.";
    const { before: b, after: a } = sidesOf(diffWords(before, after));
    expect(join(b)).toBe(before);
    expect(join(a)).toBe(after);
    expect(countChangedWords(diffWords(before, after))).toEqual({ inserted: 4, deleted: 2 });
  });

  it("identical texts have no changes; an empty side is all inserted or deleted", () => {
    expect(diffWords("same text", "same text")).toEqual([{ op: "equal", text: "same text" }]);
    expect(diffWords("", "new words")).toEqual([{ op: "insert", text: "new words" }]);
    expect(diffWords("old words", "")).toEqual([{ op: "delete", text: "old words" }]);
  });

  it("falls back to characters when there are too many distinct words, and still rebuilds both texts", () => {
    const before = Array.from({ length: 70_000 }, (_, i) => `w${i}`).join(" ");
    const after = before.replace("w500 ", "changed ");
    const parts = diffWords(before, after);
    const { before: b, after: a } = sidesOf(parts);
    expect(join(b)).toBe(before);
    expect(join(a)).toBe(after);
    expect(parts.some((p) => p.op !== "equal")).toBe(true);
  });
});
