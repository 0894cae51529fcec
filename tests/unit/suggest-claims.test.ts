import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DEFAULT_MIN_SCORE, suggestClaims, type Suggestion } from "@/lib/suggestions/suggest-claims";

const SAMPLE = readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

/** The one suggestion whose span contains `needle`; fails the test when there is none. */
function find(suggestions: readonly Suggestion[], needle: string): Suggestion {
  const hits = suggestions.filter((s) => s.exact.includes(needle));
  expect(hits, `a suggestion containing ${JSON.stringify(needle)}`).toHaveLength(1);
  return hits[0]!;
}

function none(suggestions: readonly Suggestion[], needle: string): void {
  expect(suggestions.filter((s) => s.exact.includes(needle))).toEqual([]);
}

/** The invariants every result must keep, whatever the text. */
function expectInvariants(text: string, suggestions: readonly Suggestion[]): void {
  const codePoints = Array.from(text);
  let previousEnd = 0;
  for (const s of suggestions) {
    expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
    expect(s.start).toBeGreaterThanOrEqual(previousEnd); // sorted, no overlaps
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(codePoints.length);
    expect(s.exact).toBe(codePoints.slice(s.start, s.end).join(""));
    expect(s.exact).toBe(s.exact.trim());
    expect(s.exact).not.toContain("\n\n");
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.reasons.length).toBeGreaterThan(0);
    previousEnd = s.end;
  }
}

describe("suggestClaims on the sample article", () => {
  const suggestions = suggestClaims(SAMPLE);
  const all = suggestClaims(SAMPLE, { minScore: 0 });

  it("suggests the quoted 2.3 per cent figure, attributed to David Lammy through a multi-paragraph quote", () => {
    const s = find(suggestions, "In the United Kingdom, we are at 2.3 per cent");
    expect(s.claimant).toBe("David Lammy");
    expect(s.reasons).toContain("percentage: 2.3 per cent");
    expect(s.reasons).toContain("percentage: 2.5 per cent");
    expect(s.reasons).toContain("attributed to David Lammy");
    // The enclosing quotation mark is trimmed; the span stays inside its paragraph.
    expect(s.exact.startsWith("In the United Kingdom")).toBe(true);
    expect(s.exact.endsWith("defence spending.")).toBe(true);
    expect(s.score).toBeGreaterThan(0.6);
  });

  it("suggests the 2.5 per cent target as the reporter's own statement", () => {
    const s = find(suggestions, "2.5 per cent of gross domestic product");
    expect(s.reasons).toEqual(["percentage: 2.5 per cent"]);
    expect(s.claimant).toBeUndefined();
  });

  it("suggests the 10,000 North Korea troops without pinning the reporter's figure on Mr Lammy's call", () => {
    const s = find(suggestions, "10,000 North Korea troops");
    expect(s.reasons).toContain("quantity: 10,000 North Korea troops");
    // "called for" reports a demand, not an assertion of the figure.
    expect(s.claimant).toBeUndefined();
  });

  it('resolves "he said" to the last named subject, not to the possessive "Vladimir Putin’s" in between', () => {
    const s = find(suggestions, "We’re living in very dangerous times");
    expect(s.claimant).toBe("David Lammy");
    expect(s.exact.endsWith("he said.")).toBe(true);
  });

  it('resolves "Mr Lammy" to the full name and strips "Sir" from "Sir Keir Starmer"', () => {
    expect(find(all, "Mr Lammy said Nato allies must").claimant).toBe("David Lammy");
    const starmer = find(suggestions, "Sir Keir Starmer said on Monday");
    expect(starmer.claimant).toBe("Keir Starmer");
    expect(starmer.reasons).toContain("attributed to Keir Starmer");
    expect(find(all, "But he also stressed").claimant).toBe("Keir Starmer");
  });

  it("leaves an unbound title unresolved rather than guessing", () => {
    const s = find(all, "the foreign secretary warned");
    expect(s.claimant).toBeUndefined();
    expect(s.reasons).toContain("speaker not named: the foreign secretary");
    expect(s.score).toBeLessThan(DEFAULT_MIN_SCORE);
    none(suggestions, "the foreign secretary warned");
  });

  it("down-ranks the opinion and prediction sentences of the article", () => {
    const must = find(all, "must “get serious”");
    expect(must.reasons).toContain("opinion: must (down-ranked)");
    expect(must.score).toBeLessThan(DEFAULT_MIN_SCORE);
    const would = find(all, "the UK would back Ukraine");
    expect(would.reasons).toContain("prediction: would (down-ranked)");
    expect(would.score).toBeLessThan(DEFAULT_MIN_SCORE);
    none(suggestions, "it’s hugely important");
  });

  it("ranks the figures above the quotes that carry none", () => {
    const ranked = [...suggestions].sort((a, b) => b.score - a.score).map((s) => s.exact);
    expect(ranked[0]).toContain("2.3 per cent");
    expect(suggestClaims(SAMPLE, { limit: 3 }).map((s) => s.exact.slice(0, 30))).toEqual([
      "However, the government is yet",
      "In the United Kingdom, we are ",
      "Sir Keir Starmer said on Monda",
    ]);
  });

  it("keeps the invariants", () => {
    expectInvariants(SAMPLE, suggestions);
    expectInvariants(SAMPLE, all);
  });
});

describe("suggestClaims on other news texts", () => {
  it("economy: ONS source, speaker before a colon quote, question, opinion and forecast", () => {
    const text = [
      "Inflation rose to 4.5% in March, according to the Office for National Statistics, up from 3.9% in February.",
      "Rents rose by 12 per cent since 2019, the largest increase of any country in Europe.",
      "The chancellor, Rachel Reeves, said: “We have cut borrowing by £3.4bn this year, and the economy grew faster than any other G7 economy.”",
      "“I think we should be proud of that,” she told reporters in Downing Street.",
      "Will prices keep rising? Economists think inflation will fall to 2 per cent by next year.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    const all = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, all);

    const ons = find(suggestions, "Inflation rose to 4.5%");
    expect(ons.claimant).toBe("Office for National Statistics");
    expect(ons.reasons).toEqual(
      expect.arrayContaining([
        "percentage: 4.5%",
        "percentage: 3.9%",
        "change: rose to",
        "change: up from",
        "according to the Office for National Statistics",
      ]),
    );

    const rents = find(suggestions, "Rents rose by 12 per cent since 2019");
    expect(rents.reasons).toEqual(
      expect.arrayContaining([
        "change: rose by",
        "percentage: 12 per cent",
        "date: since 2019",
        "superlative: the largest increase of any country in Europe",
      ]),
    );
    expect(rents.claimant).toBeUndefined();

    const reeves = find(suggestions, "£3.4bn");
    expect(reeves.claimant).toBe("Rachel Reeves");
    expect(reeves.reasons).toEqual(expect.arrayContaining(["money: £3.4bn", "comparison: faster than", "quotation"]));
    // The whole span is the sentence with its attribution, so the quote marks are not trimmed.
    expect(reeves.exact.startsWith("The chancellor, Rachel Reeves, said:")).toBe(true);

    const proud = find(all, "I think we should be proud");
    expect(proud.claimant).toBe("Rachel Reeves"); // "she told reporters"
    expect(proud.reasons).toContain("opinion: I think (down-ranked)");
    none(suggestions, "proud of that");

    none(all, "Will prices keep rising?"); // a question with no figure is not a claim at all
    const forecast = find(all, "Economists think inflation will fall");
    expect(forecast.reasons).toEqual(expect.arrayContaining(["prediction: will (down-ranked)", "opinion: think (down-ranked)"]));
    expect(forecast.score).toBeLessThan(DEFAULT_MIN_SCORE);
  });

  it("health: speaker after the quote, a second quote in the paragraph, and a pronoun", () => {
    const text = [
      "More than 2,000 nurses have left the NHS in Wales since January, figures show.",
      "“Waiting lists are the longest they have ever been,” said Dr Aled Jones, who chairs the Welsh board of the Royal College of Nursing. “One in five posts is now vacant, and agency spending has doubled to £1.2 million a week.”",
      "Health minister Sarah Evans disputed the figures. She said the government had recruited 1,500 nurses last year.",
      "The minister should resign, the opposition said.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    expectInvariants(text, suggestions);

    const left = find(suggestions, "2,000 nurses");
    expect(left.reasons).toEqual(
      expect.arrayContaining(["comparison: More than", "quantity: 2,000 nurses", "date: since January"]),
    );
    expect(left.claimant).toBeUndefined(); // "figures show" names no one

    const longest = find(suggestions, "Waiting lists are the longest");
    expect(longest.claimant).toBe("Aled Jones");
    expect(longest.reasons.some((r) => r.startsWith("superlative: the longest"))).toBe(true);

    const vacant = find(suggestions, "One in five posts");
    expect(vacant.claimant).toBe("Aled Jones");
    expect(vacant.exact).toBe("One in five posts is now vacant, and agency spending has doubled to £1.2 million a week.");
    expect(vacant.reasons).toEqual(expect.arrayContaining(["proportion: One in five", "change: doubled", "money: £1.2 million"]));

    const recruited = find(suggestions, "recruited 1,500 nurses");
    expect(recruited.claimant).toBe("Sarah Evans");
    expect(recruited.exact).toBe("She said the government had recruited 1,500 nurses last year.");

    none(suggestions, "should resign");
    none(suggestions, "disputed the figures");
  });

  it("city hall: emoji before the claims, speaker mid-quote, surname alone, code-point offsets", () => {
    const text =
      "🚀🚀 The city council approved a $1.2 million budget for bike lanes on Tuesday.\n\n" +
      "“This is the largest investment in cycling in the state’s history,” Mayor Linda Park said, “and it costs half the price of a single highway ramp.”\n\n" +
      "Park told reporters that ridership had increased by 40% since 2021 👍.\n\n" +
      "Critics argue the money will be wasted.";
    const suggestions = suggestClaims(text);
    expectInvariants(text, suggestions);

    const budget = find(suggestions, "$1.2 million");
    expect(budget.reasons).toContain("money: $1.2 million");
    expect(budget.start).toBe(0);

    const largest = find(suggestions, "the largest investment");
    expect(largest.claimant).toBe("Linda Park");
    expect(largest.reasons).toEqual(
      expect.arrayContaining(["superlative: the largest", "comparison: half the", "attributed to Linda Park"]),
    );

    const ridership = find(suggestions, "ridership");
    expect(ridership.claimant).toBe("Linda Park");
    expect(ridership.reasons).toEqual(expect.arrayContaining(["change: increased by", "percentage: 40%", "date: since 2021"]));
    // Two astral emoji come before it: UTF-16 offsets would be 2 higher than code-point offsets.
    const utf16Start = text.indexOf("Park told");
    expect(ridership.start).toBe(utf16Start - 2);
    expect(ridership.end).toBe(ridership.start + Array.from(ridership.exact).length);
    expect(ridership.exact.endsWith("since 2021 👍.")).toBe(true);

    none(suggestions, "Critics argue");
  });

  it("defence: unnamed sources, a title bound to a name, and officials who are not an organisation", () => {
    const text = [
      "Germany has the largest army in Europe, according to official figures.",
      "Defence Secretary John Healey said the UK had sent 900 troops to Estonia. The defence secretary told MPs the deployment cost £45m.",
      "Poland now spends 4.1% of GDP on defence, more than any other Nato member.",
      "Officials in Brussels said the alliance would need another 35,000 soldiers.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    const all = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, all);

    const army = find(suggestions, "largest army");
    expect(army.reasons).toEqual(["superlative: the largest army in Europe", "according to official figures"]);
    expect(army.claimant).toBeUndefined();

    expect(find(suggestions, "900 troops").claimant).toBe("John Healey");
    // "the defence secretary" was introduced as "Defence Secretary John Healey": safe to resolve.
    const cost = find(suggestions, "£45m");
    expect(cost.claimant).toBe("John Healey");
    expect(cost.exact).toBe("The defence secretary told MPs the deployment cost £45m.");

    const poland = find(suggestions, "4.1%");
    expect(poland.reasons).toEqual(["percentage: 4.1%", "comparison: more than"]);

    const officials = find(all, "Officials in Brussels");
    expect(officials.claimant).toBeUndefined();
    expect(officials.reasons).toContain("prediction: would (down-ranked)");
  });

  it("column: opinions, questions and predictions are down-ranked against the same figure stated as fact", () => {
    const text = [
      "I think the new stadium is a waste of money. Should the council really spend £80m on it? Ticket prices will rise, and fans will pay the price.",
      "The stadium will hold 60,000 spectators when it opens.",
      "Attendance at the old ground fell by 15% between 2015 and 2023.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    const all = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, all);

    expect(suggestions.map((s) => s.exact)).toEqual(["Attendance at the old ground fell by 15% between 2015 and 2023."]);
    expect(suggestions[0]!.reasons).toEqual(["change: fell by", "percentage: 15%", "date: 2015", "date: 2023"]);

    const question = find(all, "Should the council");
    expect(question.reasons).toEqual(expect.arrayContaining(["money: £80m", "question (down-ranked)"]));
    none(all, "I think the new stadium");
    none(all, "Ticket prices will rise");

    const score = (sentence: string) => suggestClaims(sentence, { minScore: 0 })[0]?.score ?? 0;
    const fact = score("The stadium holds 60,000 spectators.");
    expect(fact).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    for (const variant of [
      "The stadium will hold 60,000 spectators.",
      "Will the stadium hold 60,000 spectators?",
      "I think the stadium should hold 60,000 spectators.",
      "In my view the stadium could hold 60,000 spectators.",
    ]) {
      expect(score(variant), variant).toBeLessThan(fact);
      expect(score(variant), variant).toBeLessThan(DEFAULT_MIN_SCORE);
    }
  });

  it("food bank: a quotation over two paragraphs takes the speaker named at its close; pronouns respect gender", () => {
    const text = [
      "Amira Hassan, the director of the Northfield food bank, spoke to reporters on Friday alongside the local MP, Tom Baker.",
      "“Last winter we handed out 45,000 food parcels, twice as many as in 2020.",
      "“Demand has never been higher, and one in three of the families we help has someone in work,” she said.",
      "Mr Baker said he would raise the issue in Parliament. He added that the town had lost 1,200 jobs since the steelworks closed.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    expectInvariants(text, suggestions);

    const parcels = find(suggestions, "45,000 food parcels");
    expect(parcels.exact).toBe("Last winter we handed out 45,000 food parcels, twice as many as in 2020.");
    expect(parcels.claimant).toBe("Amira Hassan");
    expect(parcels.reasons).toEqual(
      expect.arrayContaining(["quantity: 45,000 food parcels", "comparison: twice as", "quotation"]),
    );

    const demand = find(suggestions, "Demand has never been higher");
    expect(demand.claimant).toBe("Amira Hassan"); // "she", although Tom Baker was named last
    expect(demand.reasons).toEqual(expect.arrayContaining(["superlative: never been higher", "proportion: one in three"]));

    const jobs = find(suggestions, "1,200 jobs");
    expect(jobs.claimant).toBe("Tom Baker");
    expect(jobs.exact).toBe("He added that the town had lost 1,200 jobs since the steelworks closed.");
    none(suggestions, "raise the issue in Parliament");
  });

  it("research: quote opening mid-paragraph and running on, a report as source, US figures", () => {
    const text = [
      "Household incomes in the poorest tenth fell by 3.2% last year, according to a report by the Resolution Foundation. The think tank said 1.4 million children were affected.",
      "Its director, Maya Patel, told the BBC: “Families are $1,800 a year worse off than in 2010.",
      "“It is the longest squeeze on living standards since records began.”",
      "“What will the government do about it?” asked Ms Patel.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    const all = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, all);

    const incomes = find(suggestions, "fell by 3.2%");
    expect(incomes.claimant).toBe("Resolution Foundation");
    expect(incomes.reasons).toEqual(
      expect.arrayContaining([
        "change: fell by",
        "percentage: 3.2%",
        "date: last year",
        "according to a report by the Resolution Foundation",
      ]),
    );
    expect(incomes.exact.endsWith("Resolution Foundation.")).toBe(true); // one sentence, not the paragraph

    // "think tank" is not "think"; the unnamed tank is no claimant.
    const children = find(suggestions, "1.4 million children");
    expect(children.reasons).toEqual(["quantity: 1.4 million children"]);
    expect(children.claimant).toBeUndefined();

    const families = find(suggestions, "$1,800");
    expect(families.claimant).toBe("Maya Patel");
    expect(families.reasons).toEqual(expect.arrayContaining(["money: $1,800", "comparison: worse off than", "date: 2010"]));

    const squeeze = find(suggestions, "longest squeeze");
    expect(squeeze.exact).toBe("It is the longest squeeze on living standards since records began.");
    expect(squeeze.claimant).toBe("Maya Patel"); // named in the paragraph where the quotation opened
    expect(squeeze.reasons).toEqual(expect.arrayContaining(["date: since records began"]));

    const asked = find(all, "What will the government do");
    expect(asked.claimant).toBe("Maya Patel");
    expect(asked.reasons).toContain("question (down-ranked)");
    expect(asked.score).toBeLessThan(DEFAULT_MIN_SCORE);
  });

  it("suggests nothing in plain prose and nothing for empty text", () => {
    const prose =
      "The village fete went ahead despite the rain.\n\nResidents said they had enjoyed the afternoon, and the organisers thanked everyone who came.";
    expect(suggestClaims(prose)).toEqual([]);
    expect(suggestClaims("")).toEqual([]);
  });

  it("honours limit and minScore", () => {
    const all = suggestClaims(SAMPLE, { minScore: 0 });
    const top2 = suggestClaims(SAMPLE, { limit: 2 });
    expect(top2).toHaveLength(2);
    expect(top2[0]!.start).toBeLessThan(top2[1]!.start);
    const best = [...all].sort((a, b) => b.score - a.score).slice(0, 2);
    expect(new Set(top2.map((s) => s.exact))).toEqual(new Set(best.map((s) => s.exact)));
    expect(suggestClaims(SAMPLE, { limit: 0 })).toEqual([]);
    expect(suggestClaims(SAMPLE, { minScore: 0.7 }).every((s) => s.score >= 0.7)).toBe(true);
    expect(all.length).toBeGreaterThan(suggestClaims(SAMPLE).length);
  });

  it("keeps the invariants on arbitrary mixtures of news fragments, emoji and whitespace", () => {
    const fragment = fc.constantFrom(
      "Inflation rose to 4.5% in March.",
      "“We are at 2.3 per cent,” he said.",
      "She told reporters: “It cost £3.4bn.",
      "Mr Smith said",
      "🚀",
      "👩‍👩‍👧 ",
      "The largest army in Europe",
      " since 2019",
      "\n\n",
      "\n",
      "  ",
      "“",
      "”",
      '"',
      "?",
      "10,000 North Korea troops",
      "Dr. J. Smith, the health minister,",
      "according to the ONS",
      "é",
      "İ",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (parts, minScore) => {
        const text = parts.join("");
        const suggestions = suggestClaims(text, { minScore });
        expectInvariants(text, suggestions);
        for (const s of suggestions) expect(s.score).toBeGreaterThanOrEqual(minScore);
      }),
      { numRuns: 300 },
    );
  });
});
