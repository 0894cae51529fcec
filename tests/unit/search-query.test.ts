import { describe, expect, it } from "vitest";
import { findFigureSpans, indexFigureWords, queryFigureWord } from "../../lib/search/figure-terms";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S, toSegments } from "../../lib/search/highlight";
import { parseSearchQuery } from "../../lib/search/parse-query";

const word = (text: string) => findFigureSpans(text).map(queryFigureWord);

describe("figure search words", () => {
  it("gives every spelling of a figure the same word", () => {
    for (const spelling of ["2.3%", "2.3 per cent", "2.3 percent", "2.30%", "2.3pc", "2.3 Per Cent"])
      expect(word(spelling)).toEqual(["fg2p3pct"]);
    for (const spelling of ["£3.4bn", "£3.4 billion", "3.4 billion pounds", "£3,400m", "£3400 million"])
      expect(word(spelling), spelling).toEqual(["fg3400000000gbp"]);
    for (const spelling of ["10,000", "10000", "10 thousand", "ten thousand"]) expect(word(spelling)).toEqual(["fg10000"]);
    expect(word("$1.2tn and €5m")).toEqual(["fg1200000000000usd", "fg5000000eur"]);
  });

  it("keeps different figures, units and non-figures apart", () => {
    expect(word("2.4%")).toEqual(["fg2p4pct"]);
    expect(word("$3.4bn")).toEqual(["fg3400000000usd"]);
    expect(word("the A320 and version v2.3")).toEqual([]);
  });

  it("indexes the amount with and without its unit", () => {
    expect(indexFigureWords("Inflation is 2.3%.", null, "It was 2.3 per cent")).toBe("fg2p3 fg2p3pct");
    expect(indexFigureWords("2.3 per cent of GDP")).toBe("fg2p3 fg2p3pctofgdp fg2p3pct");
    expect(indexFigureWords("10,000 troops")).toBe("fg10000 fg10000troops");
  });
});

describe("parseSearchQuery", () => {
  it("rewrites figures and addresses outside quotes only", () => {
    expect(parseSearchQuery("we are at 2.3 per cent").text).toBe("we are at fg2p3pct");
    expect(parseSearchQuery('"2.3 per cent" -£3.4bn').text).toBe('"2.3 per cent" -fg3400000000gbp');
    expect(parseSearchQuery("ons.gov.uk inflation").text).toBe('"ons gov uk" inflation');
    expect(parseSearchQuery("https://www.ons.gov.uk/economy").text).toBe('"https www ons gov uk economy"');
  });

  it("treats a short plain query as a possible name", () => {
    expect(parseSearchQuery("Rishi Sunack").name).toBe("rishi sunack");
    expect(parseSearchQuery("inflation 2.3%").name).toBeNull();
    expect(parseSearchQuery("bridge -troops").name).toBeNull();
    expect(parseSearchQuery("a b c d e").name).toBeNull();
  });
});

describe("toSegments", () => {
  it("turns markers into segments and marks every spelling of a query's figures", () => {
    const figures = findFigureSpans("2.3 per cent");
    expect(toSegments(`Inflation ${S}rose${E} to 2.3%, not 2.3 per cent of 12.3%`, figures)).toEqual([
      { text: "Inflation ", match: false },
      { text: "rose", match: true },
      { text: " to ", match: false },
      { text: "2.3%", match: true },
      { text: ", not ", match: false },
      { text: "2.3 per cent", match: true },
      { text: " of 12.3%", match: false },
    ]);
  });

  it("gives markup back as text", () => {
    expect(toSegments("\uE003b\uE004bold\uE003/b\uE004 \uE005amp;")).toEqual([{ text: "<b>bold</b> &amp;", match: false }]);
  });
});
