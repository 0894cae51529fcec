// One file for suggestClaims as the desk sees it (clauses, attribution patterns, furniture, the
// sample article, options): over ~400 lines because each pattern of issue 10 has its own case.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DEFAULT_MIN_SCORE, suggestClaims, type Suggestion } from "@/lib/suggestions/suggest-claims";

const SAMPLE = readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

/** The one suggestion whose clause contains `needle`; fails the test when there is none or several. */
function find(suggestions: readonly Suggestion[], needle: string): Suggestion {
  const hits = suggestions.filter((s) => s.exact.includes(needle));
  expect(
    hits,
    `one suggestion containing ${JSON.stringify(needle)} in ${JSON.stringify(suggestions.map((s) => s.exact))}`,
  ).toHaveLength(1);
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
    // Snapped to words: never starts or ends in whitespace, never runs over a paragraph.
    expect(s.exact).toBe(s.exact.trim());
    expect(s.exact).not.toContain("\n\n");
    // The sentence is the context, and the clause lies inside it.
    expect(s.context.start).toBeLessThanOrEqual(s.start);
    expect(s.context.end).toBeGreaterThanOrEqual(s.end);
    expect(s.context.exact).toBe(codePoints.slice(s.context.start, s.context.end).join(""));
    expect(s.statement.length).toBeGreaterThan(0);
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.reasons.length).toBeGreaterThan(0);
    if (s.claimant) expect(["Person", "Organization"]).toContain(s.claimantType);
    else expect(s.claimantType).toBeUndefined();
    previousEnd = s.end;
  }
}

describe("a suggestion is the checkable clause", () => {
  it("keeps the figure with its subject and the qualifiers that change its truth, not the whole sentence", () => {
    const text =
      "Speaking at a conference in Leeds on Monday, the transport secretary, Omar Hadley, said at least 1,200 level crossings in the United Kingdom had been closed since 1990, a figure the unions dispute.";
    const [s, ...rest] = suggestClaims(text);
    expect(rest).toEqual([]);
    none([s!], "unions dispute");
    expect(s!.exact).toBe("at least 1,200 level crossings in the United Kingdom had been closed since 1990");
    expect(s!.claimant).toBe("Omar Hadley");
    expect(s!.context.exact).toBe(text);
    expectInvariants(text, [s!]);
  });

  it("gives several suggestions for several claims in one sentence", () => {
    const text =
      "Ticket sales rose by 12 per cent last season, up from 8 per cent the year before, and the club will have more than 40,000 season-ticket holders by 2029.";
    const suggestions = suggestClaims(text);
    expectInvariants(text, suggestions);
    expect(suggestions.map((s) => s.exact)).toEqual([
      "Ticket sales rose by 12 per cent last season",
      "up from 8 per cent the year before",
      "the club will have more than 40,000 season-ticket holders by 2029",
    ]);
  });

  it("proposes a short statement, keeping the qualifiers", () => {
    const text = "Waiting lists in Cornwall have fallen by more than 15 per cent since January, the trust said.";
    const s = find(suggestClaims(text), "15 per cent");
    expect(s.exact).toBe("Waiting lists in Cornwall have fallen by more than 15 per cent since January");
    expect(s.statement).toBe("Waiting lists in Cornwall have fallen by more than 15% since January");
    expect(s.statement.length).toBeLessThanOrEqual(75);
  });

  it("spells figures short and, only when still too long, drops lead-ins and asides", () => {
    const statementOf = (text: string, needle: string) => find(suggestClaims(text), needle).statement;
    expect(statementOf("Sixty per cent of the 1,200 beds in the county are now in use, the trust said.", "1,200 beds")).toBe(
      "60% of the 1,200 beds in the county are now in use",
    );
    expect(
      statementOf(
        "“We estimate that long waits in A&E were associated with more than 16,600 excess deaths last year,” Dr Amy Holt said.",
        "16,600",
      ),
    ).toBe("Long waits in A&E were associated with over 16,600 excess deaths last year");
    // Short enough already: "more than" stays.
    expect(statementOf("More than 300 homes flooded, the council said.", "300 homes")).toBe("More than 300 homes flooded");
  });

  it("treats dates and deadlines as checkable, and ranks forecasts and opinions below facts", () => {
    const deadline = find(suggestClaims("The new bridge over the Tamar is to be finished by 2030."), "by 2030");
    expect(deadline.reasons).toContain("deadline: by 2030");
    expect(deadline.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);

    const score = (sentence: string) => suggestClaims(sentence, { minScore: 0 })[0]?.score ?? 0;
    const fact = score("The stadium holds 60,000 spectators.");
    expect(fact).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    for (const variant of [
      "The stadium will hold 60,000 spectators.",
      "Will the stadium hold 60,000 spectators?",
      "I think the stadium should hold 60,000 spectators.",
      "Analysts expect the stadium could hold 60,000 spectators.",
    ]) {
      expect(score(variant), variant).toBeLessThan(fact);
    }
  });
});

describe("who said it", () => {
  const claimantOf = (text: string, needle: string) => {
    const s = find(suggestClaims(text), needle);
    return [s.claimant ?? null, s.claimantType ?? null];
  };

  it("X said …", () => {
    expect(claimantOf("Mayor Lena Ortiz said bus fares had fallen by 20 per cent.", "20 per cent")).toEqual([
      "Lena Ortiz",
      "Person",
    ]);
  });

  it("…, X said", () => {
    const text = "“We have opened 14 new clinics since March,” Nadia Fofana said.";
    const s = find(suggestClaims(text), "14 new clinics");
    expect(s.exact).toBe("We have opened 14 new clinics since March");
    expect([s.claimant, s.claimantType]).toEqual(["Nadia Fofana", "Person"]);
    expect(claimantOf("Exports rose by 3.1 per cent in May, Paul Brenner said.", "3.1 per cent")).toEqual([
      "Paul Brenner",
      "Person",
    ]);
  });

  it("X told …", () => {
    const text = "Harriet Cole told the BBC that the scheme had cost £4.2m so far.";
    const s = find(suggestClaims(text), "£4.2m");
    expect(s.exact).toBe("the scheme had cost £4.2m so far");
    expect(s.claimant).toBe("Harriet Cole");
    expect(claimantOf("Harriet Cole told MPs the scheme had cost £4.2m so far.", "£4.2m")).toEqual(["Harriet Cole", "Person"]);
  });

  it("X disputed …, claiming that …", () => {
    const text =
      "Councillor Ben Achebe disputed the report, claiming that only 12 per cent of the housing budget had been spent.";
    const s = find(suggestClaims(text), "12 per cent");
    expect(s.exact).toBe("only 12 per cent of the housing budget had been spent");
    expect([s.claimant, s.claimantType]).toEqual(["Ben Achebe", "Person"]);
  });

  it("according to X, and according to X’s own figures", () => {
    const text = [
      "According to the Met Office, rainfall in Wales was 40 per cent above average in October.",
      "Fares have risen by 6 per cent since 2022, according to Northern Rail’s own figures.",
    ].join("\n\n");
    const suggestions = suggestClaims(text);
    expectInvariants(text, suggestions);
    const rain = find(suggestions, "40 per cent above average");
    expect([rain.claimant, rain.claimantType]).toEqual(["Met Office", "Organization"]);
    expect(rain.exact).toBe("rainfall in Wales was 40 per cent above average in October");
    const fares = find(suggestions, "6 per cent");
    expect(fares.exact).toBe("Fares have risen by 6 per cent since 2022");
    expect([fares.claimant, fares.claimantType]).toEqual(["Northern Rail", "Organization"]);
  });

  it("X said (in a statement), with X an organisation named earlier", () => {
    const text = [
      "The Ministry of Housing has come under pressure over empty homes.",
      "The ministry said in a statement that 8,400 empty homes had been brought back into use last year.",
    ].join("\n\n");
    const s = find(suggestClaims(text), "8,400 empty homes");
    expect(s.exact).toBe("8,400 empty homes had been brought back into use last year");
    expect([s.claimant, s.claimantType]).toEqual(["Ministry of Housing", "Organization"]);
  });

  it("pronoun follow-ups go to the last named person of that gender", () => {
    const text =
      "Dr Sarah Nair, who runs the clinic, spoke after the inspection. Mark Sutton, the practice manager, was also there. She added that the clinic had seen 9,000 patients in 2024.";
    const s = find(suggestClaims(text), "9,000 patients");
    expect(s.exact).toBe("the clinic had seen 9,000 patients in 2024");
    expect(s.claimant).toBe("Sarah Nair");
  });

  it("a title in front of the name is no part of it", () => {
    const text = "Shadow defence secretary Jane Doe said the navy had lost 11 ships since 2015.";
    expect(claimantOf(text, "11 ships")).toEqual(["Jane Doe", "Person"]);
    const later =
      "Shadow defence secretary Jane Doe spoke in Portsmouth. The shadow defence secretary said 3,000 sailors had left.";
    expect(claimantOf(later, "3,000 sailors")).toEqual(["Jane Doe", "Person"]);
  });

  it("the reporter’s own statements have no claimant", () => {
    const text = "The council employs 4,300 people. Its budget for next year is £310m.";
    const suggestions = suggestClaims(text);
    expect(suggestions.map((s) => [s.exact, s.claimant ?? null])).toEqual([
      ["The council employs 4,300 people", null],
      ["Its budget for next year is £310m", null],
    ]);
  });

  it("an interview’s answers belong to the person interviewed", () => {
    const text = [
      "Ruth Okafor has run the food bank in Halton for six years.",
      "How busy has it been this winter?",
      "“We handed out 21,000 parcels in December alone. That is double last year.”",
    ].join("\n\n");
    expect(claimantOf(text, "21,000 parcels")).toEqual(["Ruth Okafor", "Person"]);
  });
});

describe("who said it, in other words (one more sentence of our own for each pattern)", () => {
  const who = (text: string, needle: string) => {
    const s = find(suggestClaims(text), needle);
    return [s.exact, s.claimant ?? null, s.claimantType ?? null];
  };

  it("X said …, with X an organisation at the start of the sentence", () => {
    expect(who("The Environment Agency said 300 homes had flooded in Somerset.", "300 homes")).toEqual([
      "300 homes had flooded in Somerset",
      "Environment Agency",
      "Organization",
    ]);
  });

  it("…, X said, with X an organisation after the claim", () => {
    expect(
      who(
        "Britain's economy grew by 0.1 per cent in the third quarter, the Office for National Statistics said.",
        "0.1 per cent",
      ),
    ).toEqual(["Britain's economy grew by 0.1 per cent in the third quarter", "Office for National Statistics", "Organization"]);
  });

  it("X told … that …, and X told …: “…”", () => {
    expect(who("Priya Raman told reporters that 40 hospital beds had closed since June.", "40 hospital beds")).toEqual([
      "40 hospital beds had closed since June",
      "Priya Raman",
      "Person",
    ]);
    expect(who("Priya Raman told the Northbridge Courier: “We have lost 40 beds since June.”", "40 beds")).toEqual([
      "We have lost 40 beds since June",
      "Priya Raman",
      "Person",
    ]);
  });

  it("X disputed …, claiming that …, with a title before X", () => {
    expect(
      who("Opposition leader Tom Reyes disputed the figures, claiming that 2,000 jobs had gone since 2022.", "2,000 jobs"),
    ).toEqual(["2,000 jobs had gone since 2022", "Tom Reyes", "Person"]);
  });

  it("according to X, and according to the council’s own figures (the council named earlier)", () => {
    expect(who("Bus use has fallen by a third since 2019, according to the Department for Transport.", "a third")).toEqual([
      "Bus use has fallen by a third since 2019",
      "Department for Transport",
      "Organization",
    ]);
    const text = [
      "Northbridge Council has been criticised over potholes.",
      "Repairs fell by 18 per cent last year, according to the council’s own figures.",
    ].join("\n\n");
    expect(who(text, "18 per cent")).toEqual(["Repairs fell by 18 per cent last year", "Northbridge Council", "Organization"]);
  });

  it("X said in a statement, with X an organisation named there or earlier", () => {
    expect(who("The Ministry of Defence said in a statement that 12 drones had been shot down.", "12 drones")).toEqual([
      "12 drones had been shot down",
      "Ministry of Defence",
      "Organization",
    ]);
    const text = [
      "Northbridge Council has been criticised over potholes.",
      "The council said in a statement on Friday that it had repaired 4,100 potholes this year.",
    ].join("\n\n");
    expect(who(text, "4,100 potholes")).toEqual([
      "it had repaired 4,100 potholes this year",
      "Northbridge Council",
      "Organization",
    ]);
  });

  it("He added that … and She added that … go to the last named person of that gender", () => {
    expect(
      who("Tom Reyes, the council leader, spoke first. He added that 650 homes would be built by 2028.", "650 homes"),
    ).toEqual(["650 homes would be built by 2028", "Tom Reyes", "Person"]);
    expect(
      who("Dr Amy Holt said the ward was full. Her colleague Tom Reyes agreed. She added that 31 patients were waiting.", "31"),
    ).toEqual(["31 patients were waiting", "Amy Holt", "Person"]);
  });

  it("titles before or around the name, and the title alone later on", () => {
    for (const text of [
      "Health Secretary Wes Carter said 2,500 nurses had been recruited since March.",
      "The health secretary, Wes Carter, said 2,500 nurses had been recruited since March.",
      "Wes Carter, the health secretary, visited the hospital.\n\nThe health secretary said 2,500 nurses had been recruited since March.",
    ]) {
      expect(who(text, "2,500 nurses"), text).toEqual(["2,500 nurses had been recruited since March", "Wes Carter", "Person"]);
    }
  });

  it("the reporter’s own statement has no claimant, even with a speaker in the paragraph before", () => {
    const text = "Tom Reyes said the bridge was vital.\n\nThe bridge opened in 1998 and carries 40,000 vehicles a day.";
    expect(who(text, "40,000 vehicles")).toEqual(["The bridge opened in 1998 and carries 40,000 vehicles a day", null, null]);
  });

  it("forecasts and opinions rank below the fact; a deadline is checkable, a forecast to a date is not", () => {
    const score = (sentence: string) => suggestClaims(sentence, { minScore: 0 })[0]?.score ?? 0;
    const fact = score("Inflation fell to 2 per cent in May.");
    for (const forecast of [
      "Economists expect inflation to fall to 2 per cent in May.",
      "Inflation will fall to 2 per cent by May.",
      "Inflation could fall to 2 per cent by May.",
      "Inflation should fall to 2 per cent, I believe.",
    ]) {
      expect(score(forecast), forecast).toBeLessThan(fact);
    }
    const deadline = find(suggestClaims("The new hospital in Truro is due to be finished by 2030."), "by 2030");
    expect(deadline.reasons).toContain("deadline: by 2030");
    expect(deadline.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
  });
});

describe("the page’s furniture suggests nothing", () => {
  const body = "Householders will pay 4.99 per cent more in council tax from April, the council said.";

  it("a headline line at the top, with or without the article’s title given", () => {
    const headline = "Council tax to rise by 4.99 per cent as Northbridge faces £28m gap";
    const text = `${headline}\n\n${body}`;
    for (const suggestions of [suggestClaims(text), suggestClaims(text, { title: headline })]) {
      expectInvariants(text, suggestions);
      expect(suggestions.map((s) => s.exact)).toEqual(["Householders will pay 4.99 per cent more in council tax from April"]);
    }
  });

  it("a headline that ends like a sentence, when it is the article’s title (site name and all)", () => {
    const headline = "Is the council really spending £28m more?";
    const text = `${headline}\n\nThe council will spend £28m more on care homes in 2026.`;
    expect(suggestClaims(text, { minScore: 0 }).map((s) => s.exact)).toContain("Is the council really spending £28m more");
    for (const title of [headline, `${headline} | Northbridge Courier`]) {
      expect(suggestClaims(text, { title, minScore: 0 }).map((s) => s.exact)).toEqual([
        "The council will spend £28m more on care homes in 2026",
      ]);
    }
  });

  it("a byline and a date line under the headline", () => {
    const text = [
      "Waiting lists at 7.6 million as winter begins",
      "By Priya Raman, Health Correspondent",
      "Published 4 December 2024, 10:32 GMT",
      "Waiting lists in England stood at 7.6 million in September, NHS England said.",
    ].join("\n\n");
    const suggestions = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, suggestions);
    expect(suggestions.map((s) => s.exact)).toEqual(["Waiting lists in England stood at 7.6 million in September"]);
  });

  it("a dateline opening the story is no part of its first clause", () => {
    const text =
      "LONDON, Dec 4 (Reuters) - Britain's economy grew by 0.1 per cent in the third quarter, the Office for National Statistics said.";
    const [s, ...rest] = suggestClaims(text);
    expect(rest).toEqual([]);
    expect(s!.exact).toBe("Britain's economy grew by 0.1 per cent in the third quarter");
    expect([s!.claimant, s!.claimantType]).toEqual(["Office for National Statistics", "Organization"]);
  });

  it("keeps a one-paragraph text and a lede that ends like a sentence", () => {
    expect(suggestClaims("Bus fares fell by 20 per cent").map((s) => s.exact)).toEqual(["Bus fares fell by 20 per cent"]);
    const lede = "Bus fares in Leeds fell by 20 per cent last year.";
    expect(suggestClaims(`${lede}\n\n${body}`).map((s) => s.exact)).toContain("Bus fares in Leeds fell by 20 per cent last year");
  });
});

describe("the sample article", () => {
  const suggestions = suggestClaims(SAMPLE);

  it("suggests Mr Lammy’s 2.3 per cent as a tight clause, through the quotation over two paragraphs", () => {
    const s = find(suggestions, "2.3 per cent");
    expect(s.exact).toBe("In the United Kingdom, we are at 2.3 per cent");
    expect(s.claimant).toBe("David Lammy");
    expect(s.statement).toBe("In the United Kingdom, we are at 2.3%");
  });

  it("leaves the reporter’s 10,000 North Korea troops without a claimant and without the call around it", () => {
    const s = find(suggestions, "10,000 North Korea troops");
    expect(s.exact).toBe("the deployment of 10,000 North Korea troops to assist Russia’s invasion of Ukraine");
    expect(s.claimant).toBeUndefined();
  });

  it("keeps the invariants", () => {
    expectInvariants(SAMPLE, suggestions);
    expectInvariants(SAMPLE, suggestClaims(SAMPLE, { minScore: 0 }));
  });
});

describe("options and edge cases", () => {
  it("suggests nothing in plain prose and nothing for empty text", () => {
    const prose =
      "The village fete went ahead despite the rain.\n\nResidents said they had enjoyed the afternoon, and the organisers thanked everyone who came.";
    expect(suggestClaims(prose)).toEqual([]);
    expect(suggestClaims("")).toEqual([]);
  });

  it("counts offsets in code points, after emoji", () => {
    const text = "🚀🚀 The city council approved a $1.2 million budget for bike lanes on Tuesday.";
    const s = find(suggestClaims(text), "$1.2 million");
    expect(s.start).toBe(3);
    expect(s.exact).toBe(Array.from(text).slice(s.start, s.end).join(""));
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

  it("never starts a suggestion with the space after an emoji ZWJ sequence (a shrunk counterexample)", () => {
    const text = '🚀"👩‍👩‍👧 👩‍👩‍👧 Inflation rose to 4.5% in March.';
    const suggestions = suggestClaims(text, { minScore: 0 });
    expectInvariants(text, suggestions);
    expect(suggestions.map((s) => s.exact)).toContain("Inflation rose to 4.5% in March");
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
      ", and",
      ", up from 3%",
      " claiming that ",
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
