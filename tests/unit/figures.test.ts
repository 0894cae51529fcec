import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareFigures,
  describeFigure,
  extractFigures,
  type Figure,
  figureTokens,
  figuresAgree,
  normaliseFigure,
  normaliseFigureSpellings,
  subjectKey,
} from "../../lib/figures";

/** The one figure a phrase states (fails when it states none or several). */
function only(text: string): Figure {
  const figures = extractFigures(text);
  expect(
    figures.map((f) => f.text),
    text,
  ).toHaveLength(1);
  return figures[0]!;
}

function keyOf(text: string): string {
  return normaliseFigure(only(text)).key;
}

type Case = [text: string, value: number, scale: number, unit: string | null, figureText?: string];

describe("extractFigures: value, scale and unit of newsroom spellings", () => {
  const cases: Case[] = [
    ["2.3 per cent", 2.3, 1, "%"],
    ["2.3%", 2.3, 1, "%"],
    ["2.3 percent", 2.3, 1, "%"],
    ["2.3pc", 2.3, 1, "%"],
    ["2.3 % of GDP", 2.3, 1, "% of GDP"],
    ["2 per cent of gross domestic product", 2, 1, "% of GDP"],
    ["0.7% of national income", 0.7, 1, "% of GNI"],
    ["1.5 percentage points", 1.5, 1, "pp"],
    ["50 basis points", 0.5, 1, "pp"],
    ["£3.4bn", 3.4, 1e9, "GBP"],
    ["£3.4 billion", 3.4, 1e9, "GBP"],
    ["£3.4 bn", 3.4, 1e9, "GBP"],
    ["3.4 billion pounds", 3.4, 1e9, "GBP"],
    ["3.4 billion pounds sterling", 3.4, 1e9, "GBP"],
    ["£500m", 500, 1e6, "GBP"],
    ["£500 million", 500, 1e6, "GBP"],
    ["$1.2tn", 1.2, 1e12, "USD"],
    ["US$40bn", 40, 1e9, "USD"],
    ["A$2m", 2, 1e6, "AUD"],
    ["€20bn", 20, 1e9, "EUR"],
    ["20 billion euros", 20, 1e9, "EUR"],
    ["¥5,000", 5000, 1, "JPY"],
    ["₹1,200 crore", 1200, 1e7, "INR"],
    ["GBP 3.4bn", 3.4, 1e9, "GBP"],
    ["5m USD", 5, 1e6, "USD"],
    ["10 million dollars", 10, 1e6, "USD"],
    ["50p", 50, 1, "pence"],
    ["20 pence", 20, 1, "pence"],
    ["99 cents", 99, 1, "cents"],
    ["300 roubles", 300, 1, "RUB"],
    ["10,000", 10000, 1, null],
    ["10,000 troops", 10000, 1, "troops"],
    ["10,000 soldiers", 10000, 1, "troops"],
    ["10,000 North Korean troops", 10000, 1, "troops"],
    ["ten thousand", 10, 1e3, null],
    ["ten thousand troops", 10, 1e3, "troops"],
    ["two and a half million people", 2.5, 1e6, "people"],
    ["a hundred and fifty homes", 150, 1, "homes"],
    ["twenty-five thousand nurses", 25, 1e3, "nurses"],
    ["a million homes", 1, 1e6, "homes"],
    ["half a million people", 0.5, 1e6, "people"],
    ["a quarter of a million jobs", 0.25, 1e6, "jobs"],
    ["300,000 new homes", 300000, 1, "homes"],
    ["1.5 million houses", 1.5, 1e6, "homes"],
    ["20k workers", 20, 1e3, "workers"],
    ["5,000 extra police officers", 5000, 1, "police officers"],
    ["12 hospitals", 12, 1, "hospitals"],
    ["40 new schools", 40, 1, "schools"],
    ["3,500 asylum seekers", 3500, 1, "asylum seekers"],
    ["250 drones", 250, 1, "drones"],
    ["15 people", 15, 1, "people"],
    ["two people", 2, 1, "people"],
    ["10cm", 10, 1, "cm"],
    ["10 centimetres", 10, 1, "cm"],
    ["1.5 metres", 1.5, 1, "m"],
    ["5 km", 5, 1, "km"],
    ["70 mph", 70, 1, "mph"],
    ["2,000 tonnes", 2000, 1, "t"],
    ["40°C", 40, 1, "°C"],
    ["1.5 degrees Celsius", 1.5, 1, "°C"],
    ["3 GW", 3, 1, "GW"],
    ["500 hectares", 500, 1, "ha"],
    ["-3.5%", -3.5, 1, "%"],
    ["three times", 3, 1, "times"],
    ["5x", 5, 1, "times"],
    ["5-fold", 5, 1, "times"],
  ];
  it.each(cases)("%s", (text, value, scale, unit, figureText) => {
    const f = only(text);
    expect(f.value).toBeCloseTo(value, 6);
    expect(f.scale).toBe(scale);
    expect(f.unit).toBe(unit);
    expect(f.text).toBe(figureText ?? text);
  });
});

describe("extractFigures: fractions, shares and multipliers", () => {
  const cases: [string, number, string, boolean][] = [
    ["a third of adults", 33.3333, "%", true],
    ["one third of pupils", 33.3333, "%", true],
    ["two-thirds of voters", 66.6667, "%", true],
    ["three quarters of homes", 75, "%", true],
    ["half of all children", 50, "%", true],
    ["one in five children", 20, "%", true],
    ["1 in 10 adults", 10, "%", true],
    ["one out of every four", 25, "%", true],
    ["prices have tripled", 3, "times", true],
    ["prices have trebled", 3, "times", true],
    ["the bill doubled", 2, "times", true],
    ["waiting lists halved", 0.5, "times", true],
    ["a tenfold rise", 10, "times", false],
    ["twice as many", 2, "times", true],
  ];
  it.each(cases)("%s", (text, value, unit, approximate) => {
    const [f] = extractFigures(text);
    expect(f).toBeDefined();
    expect(f!.value).toBeCloseTo(value, 3);
    expect(f!.unit).toBe(unit);
    expect(f!.approximate).toBe(approximate);
  });
});

describe("extractFigures: qualifiers", () => {
  const cases: [string, string][] = [
    ["at least 10,000 troops", "at least"],
    ["no fewer than 300 people", "at least"],
    ["more than £3.4bn", "more than"],
    ["over 2,000 homes", "more than"],
    ["in excess of $5m", "more than"],
    ["about 2.3%", "about"],
    ["around 500 jobs", "about"],
    ["approximately 40 schools", "about"],
    ["some 10,000 migrants", "about"],
    ["an estimated 1.2 million people", "about"],
    ["nearly 3,000 deaths", "nearly"],
    ["almost a third", "nearly"],
    ["up to 5,000 jobs", "up to"],
    ["as many as 600 nurses", "up to"],
    ["less than 1%", "less than"],
    ["fewer than 100 beds", "less than"],
    ["exactly 42 seats", "exactly"],
  ];
  it.each(cases)("%s", (text, qualifier) => {
    const f = only(text);
    expect(f.qualifier).toBe(qualifier);
    expect(f.text).toBe(text.replace(/ of (adults|pupils)$/, ""));
  });
});

describe("extractFigures: periods, places and subjects", () => {
  it("reads the issue's example sentence", () => {
    const f = only("UK defence spending will reach 2.3 per cent of GDP by 2029.");
    expect(f).toMatchObject({ unit: "% of GDP", period: "by 2029", place: "UK", subject: "defence spending" });
  });
  it.each([
    ["Prices have tripled since 1990.", "since 1990"],
    ["Inflation was 2.5% in 2024.", "in 2024"],
    ["Unemployment will fall to 4% by 2029.", "by 2029"],
    ["Growth averaged 1.2% between 2010 and 2020.", "between 2010 and 2020"],
    ["The deficit was £30bn in 2023-24.", "in 2023-24"],
    ["Wages rose 3% last year.", "last year"],
    ["The scheme costs £2bn a year.", "a year"],
    ["In 2024, 10,000 troops were deployed.", "in 2024"],
  ])("period of %s", (text, period) => {
    expect(only(text).period).toBe(period);
  });
  it("dates each figure of a comparison by the period next to it", () => {
    const [a, b] = extractFigures("Inflation fell from 11.1% in 2022 to 2.3% in 2024.");
    expect([a!.period, b!.period]).toEqual(["in 2022", "in 2024"]);
  });
  it.each([
    ["Britain's inflation rate was 2.5%.", "UK", "inflation rate"],
    ["US defense spending is 3.4% of GDP.", "US", "defense spending"],
    ["German unemployment stood at 6%.", "Germany", "unemployment"],
    ["About 10,000 North Korean troops are in Kursk.", "North Korea", null],
  ])("place and subject of %s", (text, place, subject) => {
    const f = only(text);
    expect(f.place).toBe(place);
    expect(f.subject).toBe(subject);
  });
  it("does not take the pronoun 'us' for a place", () => {
    expect(only("They told us 500 jobs would go.").place).toBeNull();
  });
  it("gives money what it is spent on as the subject", () => {
    expect(only("The government will spend £3.4bn on new homes.").subject).toBe("new homes");
  });
  it("carries the subject to a second figure in the same sentence", () => {
    const [a, b] = extractFigures("Unemployment rose to 4.2%, up from 3.9%.");
    expect(a!.subject).toBe("unemployment");
    expect(b!.subject).toBe("unemployment");
  });
});

describe("extractFigures: what is not a figure", () => {
  it.each([
    "In 2024 the law changed.",
    "It happened on 5 March.",
    "It happened on March 5, 2024.",
    "Covid-19 changed everything.",
    "The G7 met in Italy.",
    "The F-35 programme",
    "It was the 2nd time",
    "Since the 1990s things changed.",
    "The meeting starts at 10am.",
    "The meeting starts at 10:30.",
    "One of the largest schemes.",
    "It was the third time this year.",
    "Version 1.2.3 was released.",
  ])("%s", (text) => {
    expect(extractFigures(text).map((f) => f.text)).toEqual([]);
  });
});

describe("extractFigures: ranges and several figures", () => {
  it("gives both ends of a range the unit written once", () => {
    const [a, b] = extractFigures("between 10,000 and 12,000 soldiers");
    expect(a).toMatchObject({ value: 10000, unit: "troops", qualifier: "at least" });
    expect(b).toMatchObject({ value: 12000, unit: "troops", qualifier: "up to" });
  });
  it("carries the scale of '3-4bn' to the first number", () => {
    const [a, b] = extractFigures("£3-4bn");
    expect(a).toMatchObject({ value: 3, scale: 1e9, unit: "GBP" });
    expect(b).toMatchObject({ value: 4, scale: 1e9, unit: "GBP" });
  });
  it("reads a change as two figures without making it a range", () => {
    const [a, b] = extractFigures("It rose from 2.3% to 2.5%.");
    expect([a!.qualifier, b!.qualifier]).toEqual([null, null]);
  });
  it("keeps offsets that slice back to the figure's words", () => {
    const text = "NATO says members spent 2.1% of GDP in 2023, and Britain £64.6bn.";
    for (const f of extractFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(extractFigures(text).map((f) => f.text)).toEqual(["2.1% of GDP", "£64.6bn"]);
  });
});

describe("normaliseFigure: one comparable form", () => {
  it.each([
    ["£3.4bn", "£3.4 billion"],
    ["£3.4bn", "3.4 billion pounds"],
    ["£3.4bn", "£3,400,000,000"],
    ["£3.4bn", "GBP 3.4bn"],
    ["2.3%", "2.3 per cent"],
    ["10,000", "ten thousand"],
    ["10,000 troops", "ten thousand soldiers"],
    ["1.5 million people", "one and a half million people"],
    ["$2bn", "2 billion dollars"],
    ["500,000 homes", "half a million homes"],
  ])("%s = %s", (a, b) => {
    expect(keyOf(a)).toBe(keyOf(b));
  });
  it.each([
    ["£3.4bn", "3400000000 GBP"],
    ["2.3 per cent", "2.3 %"],
    ["50p", "0.5 GBP"],
    ["10cm", "0.1 m"],
    ["5 km", "5000 m"],
    ["ten thousand troops", "10000 troops"],
    ["tripled", "3 times"],
  ])("key of %s is %s", (text, key) => {
    expect(keyOf(text)).toBe(key);
  });
  it("widens the interval for qualifiers", () => {
    expect(normaliseFigure(only("more than 10,000 troops")).high).toBe(Infinity);
    expect(normaliseFigure(only("up to 5,000 jobs")).low).toBe(0);
    const about = normaliseFigure(only("about 2,000 homes"));
    expect(about.low).toBeCloseTo(1800);
    expect(about.high).toBeCloseTo(2200);
  });
});

describe("compareFigures", () => {
  const pairs: [string, string, "agree" | "disagree" | "incomparable"][] = [
    ["2.5%", "2.3 per cent", "disagree"],
    ["£3.4bn", "£3.4 billion", "agree"],
    ["£3.4bn", "£3.5bn", "disagree"],
    ["£3.4bn", "3.4 billion dollars", "incomparable"],
    ["2.3%", "£2.3bn", "incomparable"],
    ["10,000 troops", "ten thousand troops", "agree"],
    ["10,000 troops", "12,000 troops", "disagree"],
    ["10,000", "10,000 troops", "agree"],
    ["more than 10,000 troops", "12,000 troops", "agree"],
    ["more than 10,000 troops", "8,000 troops", "disagree"],
    ["up to 5,000 jobs", "4,000 jobs", "agree"],
    ["about 2,000 homes", "2,150 homes", "agree"],
    ["about 2,000 homes", "2,500 homes", "disagree"],
    ["a third", "33%", "agree"],
    ["a third", "50%", "disagree"],
    ["one in five", "20 per cent", "agree"],
    ["2.3% of GDP", "2.3%", "agree"],
    ["2.3% of GDP", "2.5%", "disagree"],
    ["50p", "£0.50", "agree"],
    ["5 miles", "8 km", "agree"],
    ["10,000 troops", "10,000 homes", "incomparable"],
    ["tripled", "three times", "agree"],
    ["1.5 percentage points", "1.5%", "incomparable"],
  ];
  it.each(pairs)("%s vs %s: %s", (a, b, expected) => {
    expect(compareFigures(only(a), only(b))).toBe(expected);
    expect(compareFigures(only(b), only(a))).toBe(expected);
    expect(figuresAgree(only(a), only(b))).toBe(expected === "agree");
  });
  it("compares stored figures that were edited by hand", () => {
    const stored = { value: 2.5, scale: 1, unit: "%", unitKind: "percent" as const, qualifier: null, approximate: false };
    expect(compareFigures(stored, only("2.3 per cent"))).toBe("disagree");
    expect(compareFigures(stored, only("2.5 per cent"))).toBe("agree");
  });
});

describe("figure tokens, spellings, subjects and descriptions", () => {
  it("gives texts that state the same figure the same tokens", () => {
    expect(figureTokens("The plan costs £3.4bn.")).toEqual(figureTokens("It will cost 3.4 billion pounds."));
    expect(figureTokens("10,000 troops and 10,000 soldiers")).toEqual(["10000 troops"]);
  });
  it("rewrites every figure in one spelling", () => {
    expect(normaliseFigureSpellings("It cost £3.4bn, about 2.3 per cent.")).toBe("It cost 3400000000 gbp, 2.3 percent.");
    expect(normaliseFigureSpellings("ten thousand troops")).toBe("10000 troops");
  });
  it.each([
    ["UK defence spending", "spending on defense"],
    ["inflation rates", "the inflation rate"],
  ])("subject %s = %s", (a, b) => {
    expect(subjectKey(a)).toBe(subjectKey(b));
  });
  it("describes a figure for people", () => {
    expect(describeFigure(only("more than £3.4bn"))).toBe("more than 3.4bn GBP");
    expect(describeFigure(only("2.3 per cent"))).toBe("2.3%");
    expect(describeFigure(only("10,000 troops"))).toBe("10000 troops");
  });
});

describe("extractFigures on any text", () => {
  const pieces = [
    "£3.4bn",
    " 2.3 per cent",
    " ten thousand",
    " troops",
    " in 2024",
    ", ",
    ". ",
    " a third",
    "-",
    " more than",
    " UK",
    "’s",
    "\n",
    " 10:30",
    " Covid-19",
    " 1990s",
  ];
  it("never throws, and every figure slices back from its offsets, in order, without overlap", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 20 }), (parts) => {
        const text = parts.join("");
        const figures = extractFigures(text);
        let last = 0;
        for (const f of figures) {
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(Number.isFinite(f.value)).toBe(true);
          last = f.end;
        }
      }),
    );
  });
});
