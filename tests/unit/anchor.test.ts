import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnchorError, createAnchor, findQuote, foldForComparison } from "../../lib/anchoring/anchor";
import { cpLength, cpSlice, utf16ToCp } from "../../lib/text/canonical";

const SAMPLE = readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

/** Code point range of the only occurrence of `quote` in `text`. */
function rangeOf(text: string, quote: string): { start: number; end: number } {
  const u = text.indexOf(quote);
  if (u === -1 || text.indexOf(quote, u + 1) !== -1) throw new Error(`"${quote}" must occur exactly once`);
  return { start: utf16ToCp(text, u), end: utf16ToCp(text, u + quote.length) };
}

function anchorError(run: () => unknown): AnchorError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnchorError) return error;
    throw error;
  }
  throw new Error("expected an AnchorError");
}

describe("createAnchor", () => {
  it("stores exact, 32 code points of context on each side and code point offsets", () => {
    const { start, end } = rangeOf(SAMPLE, "10,000 North Korea troops");
    const anchor = createAnchor(SAMPLE, start, end);
    expect(anchor).toEqual({
      exact: "10,000 North Korea troops",
      prefix: "ies following the deployment of ",
      suffix: " to assist Russia’s invasion of ",
      start,
      end,
    });
    expect(cpLength(anchor.prefix)).toBe(32);
    expect(cpLength(anchor.suffix)).toBe(32);
  });

  it("trims whitespace from the selection", () => {
    const { start, end } = rangeOf(SAMPLE, "said Nato allies must");
    const anchor = createAnchor(SAMPLE, start - 1, end + 1);
    expect(anchor.exact).toBe("said Nato allies must");
    expect([anchor.start, anchor.end]).toEqual([start, end]);
    // A selection dragged past the end of a paragraph.
    const paragraphEnd = rangeOf(SAMPLE, "the Middle East.\n\nHowever");
    expect(createAnchor(SAMPLE, paragraphEnd.start, paragraphEnd.end - "However".length).exact).toBe("the Middle East.");
  });

  it("extends a selection that cuts words in half to the whole words", () => {
    const { start, end } = rangeOf(SAMPLE, "10,000 North Korea troops");
    const anchor = createAnchor(SAMPLE, start + 3, end - 9);
    expect(anchor.exact).toBe("10,000 North Korea");
  });

  it("never cuts a grapheme cluster: a skin tone or a flag stays whole", () => {
    const text = "Reactions 👍🏽 and 🇬🇧 flags appeared.";
    const thumbs = text.indexOf("👍");
    // Offsets that fall between the thumb and its skin-tone modifier, and inside the flag.
    const anchor = createAnchor(text, utf16ToCp(text, thumbs) + 1, utf16ToCp(text, text.indexOf("🇬🇧")) + 1);
    expect(anchor.exact).toBe("👍🏽 and 🇬🇧");
  });

  it("keeps context short at the edges of the text", () => {
    const anchor = createAnchor(SAMPLE, 0, cpLength("David Lammy"));
    expect(anchor.exact).toBe("David Lammy");
    expect(anchor.prefix).toBe("");
    expect(cpLength(anchor.suffix)).toBe(32);
  });

  it("extends the context until prefix + exact + suffix is unique", () => {
    const repeated = "The minister said that spending on defence would rise to 2.5 per cent of GDP by the end of the decade.";
    const text = `${repeated}\n\nA different opening paragraph sits between them.\n\n${repeated}`;
    const second = text.lastIndexOf("2.5 per cent");
    const anchor = createAnchor(text, second, second + "2.5 per cent".length);
    expect(anchor.start).toBe(second);
    const context = anchor.prefix + anchor.exact + anchor.suffix;
    expect(text.indexOf(context)).toBe(text.lastIndexOf(context));
    expect(cpLength(anchor.prefix)).toBeGreaterThan(32);
  });

  it("refuses an empty or whitespace-only selection", () => {
    const space = SAMPLE.indexOf("  ") === -1 ? SAMPLE.indexOf(" ") : SAMPLE.indexOf("  ");
    expect(anchorError(() => createAnchor(SAMPLE, 10, 10)).code).toBe("empty");
    expect(anchorError(() => createAnchor(SAMPLE, space, space + 1)).code).toBe("empty");
    expect(anchorError(() => createAnchor("a\n\n\u200b b", 1, 4)).code).toBe("empty");
  });

  it("refuses offsets outside the text", () => {
    const length = cpLength(SAMPLE);
    for (const [s, e] of [
      [-1, 5],
      [5, length + 1],
      [10, 5],
      [1.5, 4],
    ] as const) {
      expect(anchorError(() => createAnchor(SAMPLE, s, e)).code).toBe("out_of_range");
    }
    expect(createAnchor(SAMPLE, length - 1, length).exact).toBe("Trump’s inauguration.".slice(-1));
  });
});

describe("code point offsets with emoji before the quote", () => {
  const text = "🇬🇧 Briefing 👍🏽\n\nMr Lammy said Nato allies must “get serious” about defence spending 🚀.";
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("are code points, not UTF-16 units", () => {
    const u = text.indexOf("Nato allies");
    const anchor = createAnchor(text, utf16ToCp(text, u), utf16ToCp(text, u + "Nato allies".length));
    // Four emoji before the quote: 🇬🇧 and 👍🏽 are two code points (four UTF-16 units) each.
    expect(anchor.start).toBe(u - 4);
    expect(cpSlice(text, anchor.start, anchor.end)).toBe("Nato allies");
  });

  it("round-trip through PostgreSQL substr and length", async () => {
    const u = text.indexOf("“get serious”");
    const anchor = createAnchor(text, utf16ToCp(text, u), utf16ToCp(text, u + "“get serious”".length));
    const { rows } = await db.query<{ quote: string; length: number; position: number }>(
      "select substr($1::text, $2::int + 1, $3::int - $2::int) as quote, length($1::text) as length, " +
        "position($4::text in $1::text) - 1 as position",
      [text, anchor.start, anchor.end, anchor.exact],
    );
    expect(rows[0]).toEqual({ quote: "“get serious”", length: cpLength(text), position: anchor.start });
  });
});

describe("findQuote", () => {
  it("finds the one place of a unique quote", () => {
    expect(findQuote(SAMPLE, "10,000 North Korea troops")).toEqual([rangeOf(SAMPLE, "10,000 North Korea troops")]);
  });

  it("returns every place of a repeated quote, and the one the context agrees with", () => {
    const all = findQuote(SAMPLE, "2.5 per cent");
    expect(all).toHaveLength(2);
    const withContext = findQuote(SAMPLE, "2.5 per cent", "heading to ", " as soon as");
    expect(withContext).toHaveLength(1);
    expect(withContext[0]).toEqual(all[1]);
    expect(findQuote(SAMPLE, "2.5 per cent", "nothing like this ")).toEqual([]);
  });

  it("returns nothing for a quote that is not in the text or is blank", () => {
    expect(findQuote(SAMPLE, "12,000 North Korea troops")).toEqual([]);
    expect(findQuote(SAMPLE, "  \n ")).toEqual([]);
  });

  it("tolerates straight quotes, no-break spaces and a different line break in the client's copy", () => {
    const clientCopy = "Nato's foreign ministers in\u00a0Brussels";
    const found = findQuote(SAMPLE, clientCopy, "meeting of", "on Wednesday");
    expect(found).toHaveLength(1);
    const [place] = found;
    expect(cpSlice(SAMPLE, place!.start, place!.end)).toBe("Nato’s foreign ministers in Brussels");

    const acrossParagraphs = findQuote(SAMPLE, "the time to act is now.”\nAhead of the meeting");
    expect(acrossParagraphs).toHaveLength(1);
    expect(cpSlice(SAMPLE, acrossParagraphs[0]!.start, acrossParagraphs[0]!.end)).toBe(
      "the time to act is now.”\n\nAhead of the meeting",
    );
  });

  it("reports code point offsets after emoji", () => {
    const text = "👍🏽👍🏽 Nato allies";
    expect(findQuote(text, "Nato")).toEqual([{ start: 5, end: 9 }]);
  });
});

describe("foldForComparison", () => {
  it("folds typographic quotes, dashes, spaces, zero-width characters and NFD", () => {
    expect(foldForComparison("“It’s\u00a0now” – said\u200b Cafe\u0301\n\nnext")).toBe(
      foldForComparison('"It\'s now" - said Caf\u00e9 next'),
    );
    expect(foldForComparison("10,000")).not.toBe(foldForComparison("12,000"));
  });
});
