import { describe, expect, it } from "vitest";
import { ANCHOR_STATES } from "@/domain/vocabulary";
import {
  anchorNeedsAttention,
  approvalRefusal,
  backToReviewColumns,
  claimNeedsAttention,
  isBarredFromApproving,
  textRefusingApproval,
} from "@/lib/workflow/claim-rules";
import fc from "fast-check";
import { paragraphsAround, splitParagraphs, splitParagraphTexts } from "@/lib/text/paragraphs";

const claim = { createdBy: "ed", editorsSinceApproval: ["ed", "sub"], anchorState: "anchored" as const };

describe("who may approve", () => {
  it("bars the creator and every editor since the last approval, nobody else", () => {
    expect(isBarredFromApproving(claim, "ed")).toBe(true);
    expect(isBarredFromApproving(claim, "sub")).toBe(true);
    expect(isBarredFromApproving(claim, "rev")).toBe(false);
    expect(isBarredFromApproving({ createdBy: "ed", editorsSinceApproval: [] }, "ed")).toBe(true);
  });

  it("refuses text that is gone or matches several places, and accepts the other anchor states", () => {
    const refused = ANCHOR_STATES.filter((s) => textRefusingApproval(s) !== null);
    expect(refused).toEqual(["ambiguous", "orphaned"]);
    expect(textRefusingApproval("orphaned")).toBe("orphaned");
    expect(textRefusingApproval("ambiguous")).toBe("ambiguous");
  });

  it("names four-eyes before the text, and nothing for a fresh reviewer on anchored text", () => {
    expect(approvalRefusal({ ...claim, anchorState: "orphaned" }, "ed")).toBe("four-eyes");
    expect(approvalRefusal({ ...claim, anchorState: "orphaned" }, "rev")).toBe("orphaned");
    expect(approvalRefusal({ ...claim, anchorState: "changed" }, "rev")).toBeNull();
    expect(approvalRefusal(claim, "rev")).toBeNull();
  });
});

describe("needs attention", () => {
  it("flags changed, ambiguous and orphaned text; anchored and relocated text is fine", () => {
    expect(ANCHOR_STATES.filter(anchorNeedsAttention)).toEqual(["changed", "ambiguous", "orphaned"]);
  });

  it("flags a claim that came back with a recorded reason even on anchored text", () => {
    expect(claimNeedsAttention({ anchorState: "anchored", statusReason: null })).toBe(false);
    expect(claimNeedsAttention({ anchorState: "relocated", statusReason: "" })).toBe(false);
    expect(claimNeedsAttention({ anchorState: "anchored", statusReason: "Edited by Ann after approval." })).toBe(true);
    expect(claimNeedsAttention({ anchorState: "changed", statusReason: null })).toBe(true);
  });
});

describe("back to review", () => {
  it("puts the claim in review from now and clears its approval", () => {
    const now = new Date("2026-01-02T03:04:05Z");
    expect(backToReviewColumns(now)).toEqual({
      status: "in_review",
      submittedAt: now,
      approvedBy: null,
      approvedAt: null,
      approvedVersion: null,
    });
  });
});

describe("paragraphs", () => {
  it("splits on one blank line with code-point starts (an astral character counts once)", () => {
    const paras = splitParagraphs("A 😀b\n\ncd\n\n");
    expect(paras.map((p) => [p.start, p.chars.join("")])).toEqual([
      [0, "A 😀b"],
      [6, "cd"],
      [10, ""],
    ]);
  });

  it("cuts each paragraph around its part of a span that crosses a paragraph break", () => {
    expect(paragraphsAround("one 😀 two\n\nthree four\n\nfive", 6, 16)).toEqual([
      { before: "one 😀 ", marked: "two", after: "" },
      { before: "", marked: "three", after: " four" },
    ]);
    expect(paragraphsAround("one\n\ntwo", 20, 25)).toEqual([]);
  });
});

describe("splitParagraphTexts", () => {
  it("gives the paragraphs, offsets and every code-point slice of splitParagraphs, astral characters or not", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "£", "😀", "\ud800") });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (body, x, y) => {
        const expected = splitParagraphs(body);
        const actual = splitParagraphTexts(body);
        expect(actual.map((p) => [p.start, p.length])).toEqual(expected.map((p) => [p.start, p.chars.length]));
        for (const [i, p] of actual.entries()) {
          const chars = expected[i]!.chars;
          const [from, to] = [x % (chars.length + 1), y % (chars.length + 1)].sort((a, b) => a - b) as [number, number];
          expect(p.slice(from, to)).toBe(chars.slice(from, to).join(""));
          expect(p.slice(0, p.length)).toBe(chars.join(""));
        }
      }),
    );
  });
});
