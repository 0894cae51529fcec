import { describe, expect, it } from "vitest";
import { derivedColumns, extractedRows, markedTextOf, planFigureRewrite } from "../../lib/claim-figures/figure-rows";
import { figureChanges, previousMarkedText, statementWarnings } from "../../lib/claim-figures/figure-warnings";
import { editFigureSchema } from "../../lib/claim-figures/schemas";
import { extractFigures } from "../../lib/figures";
import { figuresText } from "../../lib/reports/figure-text";
import { buildClaimReviews } from "../../lib/reports/render-jsonld";
import { renderHtml } from "../../lib/reports/render-html";
import { reportFixture } from "../fixtures/report-data";

describe("claim figure rows", () => {
  it("reads each text's figures with their comparable columns", () => {
    const [row] = extractedRows("statement", "The UK will spend £3.4bn on defence by 2029.");
    expect(row).toMatchObject({
      origin: "statement",
      position: 0,
      text: "£3.4bn",
      value: 3.4,
      scale: 1e9,
      currency: "GBP",
      baseUnit: "GBP",
      amount: 3.4e9,
      period: "by 2029",
    });
    expect(row!.low).toBeLessThan(3.4e9);
    expect(row!.high).toBeGreaterThan(3.4e9);
  });

  it("stores an unbounded side as null, not Infinity", () => {
    const [row] = extractedRows("text", "more than 10,000 troops");
    expect(row).toMatchObject({ qualifier: "more than", high: null });
    expect(row!.low).toBeCloseTo(9999.5);
  });

  it("pence are money in pounds", () => {
    expect(
      derivedColumns({
        text: "50p",
        value: 50,
        scale: 1,
        unit: "pence",
        unitKind: "currency",
        qualifier: null,
        approximate: false,
        period: null,
        place: null,
        subject: null,
      }),
    ).toMatchObject({ currency: "GBP", amount: 0.5 });
  });

  it("the marked text is the text now under the claim", () => {
    expect(markedTextOf({ exact: "2.3%", anchorText: null })).toBe("2.3%");
    expect(markedTextOf({ exact: "2.3%", anchorText: "2.5%" })).toBe("2.5%");
  });

  it("keeps overrides whose words are still in their text and hides the extracted figure they correct", () => {
    const texts = { text: "Spending rose to 2.3 per cent, from 2.1 per cent", statement: "Spending is 2.3%." };
    const kept = { id: "a", origin: "text" as const, text: "2.3 per cent" };
    const gone = { id: "b", origin: "statement" as const, text: "2.5%" };
    const plan = planFigureRewrite(texts, [kept, gone]);
    expect(plan.keep).toEqual([kept]);
    expect(plan.drop).toEqual([gone]);
    expect(plan.insert.map((r) => [r.origin, r.text])).toEqual([
      ["text", "2.1 per cent"],
      ["statement", "2.3%"],
    ]);
  });
});

describe("correcting a figure", () => {
  const base = { version: 1, value: 2.3, scale: 1, unitKind: "percent" as const, unit: "%" };
  it("accepts a consistent reading", () => {
    expect(editFigureSchema.safeParse(base).success).toBe(true);
    expect(editFigureSchema.safeParse({ ...base, unitKind: "currency", unit: "EUR", scale: 1e9 }).success).toBe(true);
  });
  it.each([
    [{ unitKind: "currency", unit: "pounds" }, "unit"],
    [{ unitKind: "percent", unit: "troops" }, "unit"],
    [{ unitKind: "count", unit: "" }, "unit"],
    [{ scale: 5 }, "scale"],
    [{ value: Number.NaN }, "value"],
    [{ qualifier: "roughly" }, "qualifier"],
    [{ subject: "x".repeat(201) }, "subject"],
  ])("refuses %j on %s", (change, field) => {
    const result = editFigureSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe("figures in ClaimReview", () => {
  it("states the statement's figures once each, in words", () => {
    const figure = {
      origin: "statement" as const,
      text: "2.3%",
      value: 2.3,
      scale: 1,
      unit: "%",
      unitKind: "percent" as const,
      currency: null,
      qualifier: null,
      approximate: false,
      period: "in 2024",
      place: "UK",
      subject: "defence spending",
      edited: false,
    };
    expect(figuresText([figure, { ...figure, text: "2.3 per cent" }])).toBe("Figures: 2.3% (defence spending, UK, in 2024)");
    expect(figuresText([{ ...figure, origin: "text" }])).toBe("Figures: 2.3% (defence spending, UK, in 2024)");
    expect(figuresText([])).toBeNull();
    expect(figuresText(undefined)).toBeNull();
  });

  it("adds only schema.org Claim properties, and the page shows the same words", () => {
    const data = reportFixture();
    const html = renderHtml(data);
    for (const review of buildClaimReviews(data)) {
      expect(
        Object.keys(review.itemReviewed).every((k) =>
          ["@type", "author", "datePublished", "appearance", "description"].includes(k),
        ),
      ).toBe(true);
      const description = review.itemReviewed.description;
      if (description) expect(html).toContain(description.replace(/^Figures: /, ""));
    }
    expect(buildClaimReviews(data).some((r) => r.itemReviewed.description)).toBe(true);
  });
});

describe("figure warnings", () => {
  const fig = (text: string, extra: Partial<Parameters<typeof statementWarnings>[0][number]> = {}) => {
    const [f] = extractFigures(text);
    return { ...f!, ...extra };
  };

  it("pairs changed figures old → new, and names removed and added ones", () => {
    expect(figureChanges("rose 2.3% to £3.4bn", "rose 2.5% to £3.4 billion")).toEqual([{ from: "2.3%", to: "2.5%" }]);
    expect(figureChanges("2.3% and 10,000 troops", "2.3%")).toEqual([{ from: "10,000 troops", to: null }]);
    expect(figureChanges("2.3%", "2.3% and 10,000 troops")).toEqual([{ from: null, to: "10,000 troops" }]);
    expect(figureChanges("The UK is at 2.3%", "Britain is at 2.3 per cent")).toEqual([]);
  });

  it("compares the statement only with figures of the same kind, place and period", () => {
    expect(statementWarnings([fig("2.3%")], [fig("£2.5bn")])).toEqual([]);
    expect(statementWarnings([fig("2.3%", { place: "UK" })], [fig("2.5%", { place: "France" })])).toEqual([]);
    expect(statementWarnings([fig("2.3%", { period: "in 2024" })], [fig("2.5%", { period: "by 2029" })])).toEqual([]);
    expect(statementWarnings([fig("2.3%", { period: "in 2024" })], [fig("2.5%")])).toHaveLength(1);
    // "more than 10,000" allows 12,000.
    expect(statementWarnings([fig("more than 10,000 troops")], [fig("12,000 troops")])).toEqual([]);
  });

  it("compares the marked text with the last approved text while the claim awaits approval, else with the text as marked", () => {
    const claim = { exact: "2.3%", anchorText: "2.5%", status: "in_review" };
    expect(previousMarkedText(claim, "2.1%")).toEqual({ text: "2.1%", since: "approval" });
    expect(previousMarkedText(claim, null)).toEqual({ text: "2.3%", since: "marking" });
    expect(previousMarkedText({ ...claim, anchorText: null }, "2.3%")).toBeNull();
    expect(previousMarkedText({ ...claim, anchorText: null, status: "approved" }, "2.1%")).toBeNull();
  });
});
