import { readFileSync } from "node:fs";
import approximateSearch from "approx-string-match";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnchor } from "../../lib/anchoring/anchor";
import { reanchorClaims, type ClaimToReanchor, type ReanchorResult } from "../../lib/anchoring/reanchor";
import { canonicalizeText, cpLength, cpSlice, utf16ToCp } from "../../lib/text/canonical";

const SAMPLE = readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");
const PARAGRAPHS = SAMPLE.split("\n\n");

/** A claim on the `occurrence`-th (0-based) place of `quote`; the only one by default. */
function claimOn(text: string, quote: string, occurrence?: number): ClaimToReanchor {
  let u = text.indexOf(quote);
  if (occurrence === undefined) {
    if (u === -1 || text.indexOf(quote, u + 1) !== -1) throw new Error(`"${quote}" must occur exactly once`);
  } else {
    for (let n = 0; n < occurrence && u !== -1; n++) u = text.indexOf(quote, u + 1);
    if (u === -1) throw new Error(`"${quote}" has no occurrence ${occurrence}`);
  }
  const anchor = createAnchor(text, utf16ToCp(text, u), utf16ToCp(text, u + quote.length));
  expect(anchor.exact).toBe(quote);
  return { id: "claim", anchor };
}

function reanchorOne(oldText: string, newText: string, claim: ClaimToReanchor): ReanchorResult {
  const [result] = reanchorClaims(oldText, newText, [claim]);
  if (!result) throw new Error("no result");
  // Whatever the state, the reported text must be what the new revision holds at that place
  // (orphans keep the old quote and position).
  if (result.state !== "orphaned") expect(cpSlice(newText, result.start, result.end)).toBe(result.text);
  return result;
}

function cpIndexOf(text: string, quote: string, fromCp = 0): number {
  const u = text.indexOf(quote, cpSlice(text, 0, fromCp).length);
  return u === -1 ? -1 : utf16ToCp(text, u);
}

const withParagraphs = (paragraphs: string[]): string => paragraphs.join("\n\n");

describe("reanchorClaims: cases docs/anchoring.md requires", () => {
  it("keeps a duplicated quote on the selected paragraph after text is inserted above", () => {
    const duplicate = "Mr Lammy said the UK was at 2.3 per cent and heading to 2.5 per cent.";
    const oldText = withParagraphs([PARAGRAPHS[0]!, duplicate, PARAGRAPHS[1]!, duplicate, PARAGRAPHS[2]!]);
    const claim = claimOn(oldText, "2.3 per cent", 1);
    // The inserted paragraph even contains the same quote.
    const inserted = "Update: the defence secretary repeated that the UK was at 2.3 per cent.\n\n";
    const newText = inserted + oldText;

    const result = reanchorOne(oldText, newText, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff", text: "2.3 per cent", score: 1 });
    expect(result.start).toBe(claim.anchor.start + cpLength(inserted));
    // The third occurrence in the new text is the second of the old one.
    expect(result.start).toBe(
      cpIndexOf(newText, "2.3 per cent", cpIndexOf(newText, duplicate, cpIndexOf(newText, duplicate) + 1)),
    );
  });

  it("reports a claim corrected in place as changed in place while the old wording exists elsewhere", () => {
    const oldText = `${SAMPLE}\n\nEarlier reports had put the deployment at 10,000 North Korea troops as well.`;
    const claim = claimOn(oldText, "10,000 North Korea troops", 0);
    const newText = oldText.replace("deployment of 10,000 North Korea troops", "deployment of 12,000 North Korea troops");
    expect(newText).toContain("10,000 North Korea troops");

    const result = reanchorOne(oldText, newText, claim);
    expect(result).toMatchObject({
      state: "changed",
      method: "diff-changed",
      text: "12,000 North Korea troops",
      start: claim.anchor.start,
      end: claim.anchor.end,
    });
    expect(result.score).toBeCloseTo(1 - 1 / 25);
  });

  it("orphans a claim whose paragraph was deleted even though a lookalike exists elsewhere", () => {
    const lookalike = "Ministers in Paris are increasing spending on health to 3.5 per cent of gross national product.";
    const oldText = withParagraphs([...PARAGRAPHS.slice(0, 12), lookalike, ...PARAGRAPHS.slice(12)]);
    const quote = "increasing spending on defence to 2.5 per cent of gross domestic product";
    const claim = claimOn(oldText, quote);
    const newText = withParagraphs(oldText.split("\n\n").filter((p) => !p.includes(quote)));
    // Close enough for the approximate search's error budget: only the diff tells that the
    // lookalike was already there, i.e. that it is another sentence and not where the claim went.
    const budget = Math.min(64, Math.floor(quote.length / 4));
    expect(approximateSearch(newText, quote, budget)).not.toEqual([]);

    const result = reanchorOne(oldText, newText, claim);
    expect(result).toMatchObject({
      state: "orphaned",
      method: "none",
      score: null,
      text: quote,
      start: claim.anchor.start,
      end: claim.anchor.end,
      previous: { start: claim.anchor.start, end: claim.anchor.end },
    });
  });

  it("orphans a claim whose paragraph was deleted when the only other copy of the quote is in unchanged text", () => {
    const quote = "2.5 per cent of gross domestic product";
    const oldText = `${SAMPLE}\n\nThe target of ${quote} was set in 2014.`;
    const claim = claimOn(oldText, quote, 0);
    const newText = withParagraphs(oldText.split("\n\n").filter((p) => !p.startsWith("However, the government")));
    expect(newText).toContain(quote);
    expect(reanchorOne(oldText, newText, claim)).toMatchObject({ state: "orphaned", method: "none" });
  });

  it("does not accept a Hypothesis-style lookalike (up to half the quote wrong) added by the same edit", () => {
    const quote = "increasing spending on defence to 2.5 per cent of gross domestic product";
    const claim = claimOn(SAMPLE, quote);
    const lookalike = "Ministers in Paris are increasing its spending on health care to 3 per cent of national product.";
    const newText = withParagraphs([...PARAGRAPHS.filter((p) => !p.includes(quote)), lookalike]);
    const [match] = approximateSearch(newText, quote, Math.floor(quote.length / 2));
    expect(match?.errors).toBeGreaterThan(Math.floor(quote.length / 4));

    expect(reanchorOne(SAMPLE, newText, claim)).toMatchObject({ state: "orphaned", method: "none" });
  });

  it("orphans a short deleted quote: no approximate search below 12 characters", () => {
    const oldText = "Reporters asked Linus about the release.\n\nThe kernel shipped on time.";
    const newText = "Reporters asked Linux users about the release.\n\nThe kernel shipped on time.";
    const claim = claimOn(oldText, "Linus");
    // One edit away: a Hypothesis-style fuzzy search would attach the claim to "Linux".
    expect(approximateSearch(newText, "Linus", 1)).not.toEqual([]);

    expect(reanchorOne(oldText, newText, claim)).toMatchObject({ state: "orphaned", method: "none", text: "Linus" });
  });

  it("keeps a claim anchored when ' becomes ’", () => {
    const oldText = SAMPLE.replace("Nato’s foreign ministers", "Nato's foreign ministers");
    const claim = claimOn(oldText, "Nato's foreign ministers in Brussels");
    const result = reanchorOne(oldText, SAMPLE, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff-folded", text: "Nato’s foreign ministers in Brussels" });
  });

  it("keeps a claim anchored when a space becomes a no-break space", () => {
    const claim = claimOn(SAMPLE, "we are at 2.3 per cent");
    const newText = SAMPLE.replace("at 2.3 per cent", "at 2.3\u00a0per\u00a0cent");
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff-folded", text: "we are at 2.3\u00a0per\u00a0cent" });
  });

  it("keeps a claim anchored when NFD text becomes NFC", () => {
    const nfd = "Cafe\u0301 owners in Mu\u0308nster said prices rose.\n\nOther news.";
    const claim = claimOn(nfd, "Cafe\u0301 owners in Mu\u0308nster");
    const nfc = nfd.normalize("NFC");
    const result = reanchorOne(nfd, nfc, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff-folded", text: "Café owners in Münster", start: 0 });
    // Canonical revisions are NFC on both sides, so re-canonicalised text does not even move.
    expect(canonicalizeText(nfd)).toBe(canonicalizeText(nfc));
  });

  it("keeps a claim anchored through dash and zero-width changes", () => {
    const claim = claimOn(SAMPLE, "deter co-operation between Putin and his allies");
    const newText = SAMPLE.replace("co-operation", "co\u2011oper\u200bation");
    expect(reanchorOne(SAMPLE, newText, claim)).toMatchObject({ state: "anchored", method: "diff-folded" });
  });

  it("keeps a quote across a paragraph break anchored when the break becomes a line break", () => {
    const quote = "the time to act is now.”\n\nAhead of the meeting";
    const claim = claimOn(SAMPLE, quote);
    const newText = SAMPLE.replace(quote, quote.replace("\n\n", "\n"));
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({
      state: "anchored",
      method: "diff-folded",
      text: "the time to act is now.”\nAhead of the meeting",
      start: claim.anchor.start,
      end: claim.anchor.end - 1,
    });
  });

  it("counts positions in code points when emoji are inserted before the quote", () => {
    const claim = claimOn(SAMPLE, "2.3 per cent");
    const emoji = "🇬🇧👍🏽 "; // 5 code points, 9 UTF-16 units
    const newText = SAMPLE.replace("In the United Kingdom", `${emoji}In the United Kingdom`);
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "anchored", text: "2.3 per cent" });
    expect(result.start - claim.anchor.start).toBe(5);
    expect(Array.from(newText).slice(result.start, result.end).join("")).toBe("2.3 per cent");
  });

  it("keeps code point offsets right when emoji before the quote change", () => {
    const oldText = `Reactions 👍 👍🏽 😀\n\n${SAMPLE}`;
    const claim = claimOn(oldText, "10,000 North Korea troops");
    const newText = `Reactions 👎🏽 😀😀\n\n${SAMPLE}`;
    const result = reanchorOne(oldText, newText, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff" });
    expect(result.start).toBe(cpIndexOf(newText, "10,000 North Korea troops"));
  });

  describe("quotes longer than 32 characters", () => {
    const quote =
      "We’re living in very dangerous times, and as we look across the world, with war here on our continent in Europe, " +
      "with the tremendous aggression that we’re seeing across the Middle East";

    it("stay anchored when text is inserted above", () => {
      const claim = claimOn(SAMPLE, quote);
      expect(cpLength(quote)).toBeGreaterThan(100);
      const newText = `Breaking: ministers meet again tomorrow.\n\n${SAMPLE}`;
      const result = reanchorOne(SAMPLE, newText, claim);
      expect(result).toMatchObject({ state: "anchored", method: "diff", text: quote });
    });

    it("are changed in place when a word inside is corrected", () => {
      const claim = claimOn(SAMPLE, quote);
      const newText = SAMPLE.replace("tremendous aggression", "huge aggression");
      const result = reanchorOne(SAMPLE, newText, claim);
      expect(result).toMatchObject({ state: "changed", method: "diff-changed", start: claim.anchor.start });
      expect(result.text).toBe(quote.replace("tremendous", "huge"));
      expect(result.score).toBeGreaterThan(0.9);
    });

    it("are found by approximate search when their paragraph moved and was edited", () => {
      const claim = claimOn(SAMPLE, quote);
      const moved = PARAGRAPHS.find((p) => p.includes(quote))!;
      const rest = PARAGRAPHS.filter((p) => p !== moved);
      const newText = withParagraphs([...rest, moved.replace("very dangerous", "truly dangerous")]);
      const result = reanchorOne(SAMPLE, newText, claim);
      expect(result).toMatchObject({ state: "changed", method: "fuzzy", text: quote.replace("very", "truly") });
      expect(result.start).toBe(cpIndexOf(newText, "We’re living in truly"));
    });
  });

  it("does not grow a claim when text is inserted exactly at its edges", () => {
    const claim = claimOn(SAMPLE, "2.3 per cent");
    const newText = SAMPLE.replace("at 2.3 per cent,", "at roughly 2.3 per cent of GDP,");
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff", text: "2.3 per cent" });
    expect(result.start).toBe(claim.anchor.start + "roughly ".length);
  });

  it("does not grow a claim when the inserted text repeats the claim's own edge", () => {
    const oldText = "The figure was 2.3 per cent, officials said.\n\nNothing else changed.";
    const claim = claimOn(oldText, "2.3 per cent");
    // A doubled-word typo: the diff may equally well place the insertion inside the claim.
    const newText = oldText.replace("2.3 per cent,", "2.3 per cent per cent,");
    const result = reanchorOne(oldText, newText, claim);
    expect(result).toMatchObject({ state: "anchored", text: "2.3 per cent", start: claim.anchor.start });
  });

  it("relocates a claim whose paragraph moved", () => {
    const quote = "the government is yet to set out its own plans";
    const claim = claimOn(SAMPLE, quote);
    const moved = PARAGRAPHS.find((p) => p.includes(quote))!;
    const newText = withParagraphs([...PARAGRAPHS.filter((p) => p !== moved), moved]);
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "relocated", method: "exact-search", text: quote, candidates: 1 });
    expect(result.start).toBe(cpIndexOf(newText, quote));
    expect(result.start).toBeGreaterThan(claim.anchor.start);
  });

  it("relocates a claim whose paragraph moved far away when its context agrees", () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Filler paragraph ${i} about unrelated local council business.`);
    const quote = "the government is yet to set out its own plans";
    const moved = PARAGRAPHS.find((p) => p.includes(quote))!;
    const others = PARAGRAPHS.filter((p) => p !== moved);
    const oldText = withParagraphs([moved, ...others, ...filler]);
    const newText = withParagraphs([...others, ...filler, moved]);
    const claim = claimOn(oldText, quote);
    const result = reanchorOne(oldText, newText, claim);
    expect(result.start - claim.anchor.start).toBeGreaterThan(2000);
    expect(result).toMatchObject({ state: "relocated", method: "exact-search", text: quote });
    expect(result.score).toBeGreaterThanOrEqual(0.5);
  });

  // Its speed (≤ 3 s for 1,000 claims on 100,000 characters) is measured by bench/reanchor.bench.ts.
  it("orphans most claims when the whole article is replaced", () => {
    const sentences = PARAGRAPHS.flatMap((p) => p.split(/(?<=[.”])\s+(?=[A-Z“])/)).filter(
      (s) => SAMPLE.indexOf(s) === SAMPLE.lastIndexOf(s),
    );
    const claims = sentences.map((s, i) => ({ ...claimOn(SAMPLE, s), id: `c${i}` }));
    expect(claims.length).toBeGreaterThanOrEqual(15);
    const replacement = withParagraphs([
      "Flood defences in the valley failed overnight after three days of heavy rain, the Environment Agency said.",
      "Residents were evacuated from 240 homes as river levels peaked on Tuesday morning, according to the county council.",
      "Insurers estimated the damage at £45m and warned that premiums in the area would rise again next year.",
      "Forecasters expect more rain at the weekend, with an amber warning in place for much of the north-west.",
    ]);

    const results = reanchorClaims(SAMPLE, replacement, claims);

    const orphaned = results.filter((r) => r.state === "orphaned").length;
    expect(results.filter((r) => r.state === "anchored")).toEqual([]);
    expect(orphaned / results.length).toBeGreaterThan(0.9);
  });
});

describe("reanchorClaims: the sample article", () => {
  it("reports 10,000 → 12,000 North Korea troops as changed with the new text", () => {
    const claim = claimOn(SAMPLE, "10,000 North Korea troops");
    const newText = SAMPLE.replace("10,000 North Korea troops", "12,000 North Korea troops");
    expect(reanchorOne(SAMPLE, newText, claim)).toMatchObject({
      state: "changed",
      method: "diff-changed",
      text: "12,000 North Korea troops",
      start: claim.anchor.start,
      end: claim.anchor.end,
    });
  });

  it("keeps the 2.3 per cent claim anchored at a shifted position when a paragraph is inserted above", () => {
    const claim = claimOn(SAMPLE, "we are at 2.3 per cent");
    const inserted = "The defence secretary will publish a spending review in the spring.";
    const newText = withParagraphs([...PARAGRAPHS.slice(0, 3), inserted, ...PARAGRAPHS.slice(3)]);
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "anchored", method: "diff", text: "we are at 2.3 per cent", score: 1 });
    expect(result.start).toBe(claim.anchor.start + cpLength(inserted) + 2);
    expect(result.previous).toEqual({ start: claim.anchor.start, end: claim.anchor.end });
  });

  it("moves nothing when the text is identical", () => {
    const claims = ["10,000 North Korea troops", "2.3 per cent", "get serious"].map((q, i) => ({
      ...claimOn(SAMPLE, q, 0),
      id: `c${i}`,
    }));
    const results = reanchorClaims(SAMPLE, SAMPLE, claims);
    expect(results.map((r) => [r.id, r.state, r.method, r.start])).toEqual(
      claims.map((c) => [c.id, "anchored", "identical", c.anchor.start]),
    );
  });

  it("keeps a claim that was already changed as changed, never anchored, on identical text", () => {
    const newText = SAMPLE.replace("10,000 North Korea troops", "12,000 North Korea troops");
    const original = claimOn(SAMPLE, "10,000 North Korea troops");
    const [first] = reanchorClaims(SAMPLE, newText, [original]);
    // The claim now lives in the new revision at the changed text; `exact` stays what was marked.
    const carried: ClaimToReanchor = { id: "claim", anchor: { ...original.anchor, start: first!.start, end: first!.end } };
    expect(reanchorOne(newText, newText, carried)).toMatchObject({
      state: "changed",
      method: "identical",
      text: "12,000 North Korea troops",
    });
    const laterEdit = newText.replace("Sir Keir Starmer", "Keir Starmer");
    expect(reanchorOne(newText, laterEdit, carried)).toMatchObject({ state: "changed", method: "diff-changed" });
  });

  it("reports equally good places as ambiguous", () => {
    const quote = "the government is yet to set out its own plans";
    const claim = claimOn(SAMPLE, quote);
    const original = PARAGRAPHS.find((p) => p.includes(quote))!;
    // The paragraph goes, and the quote turns up nearby in two new paragraphs with the same context.
    const sentence = `Critics say ${quote} for the armed forces.`;
    const others = PARAGRAPHS.filter((p) => p !== original);
    const newText = withParagraphs([...others.slice(0, 5), sentence, ...others.slice(5, 7), sentence, ...others.slice(7)]);
    const result = reanchorOne(SAMPLE, newText, claim);
    expect(result).toMatchObject({ state: "ambiguous", method: "exact-search", text: quote, candidates: 2 });
  });

  it("orphans a claim whose stored offsets do not fit the old text", () => {
    const claim = claimOn(SAMPLE, "2.3 per cent");
    const broken: ClaimToReanchor = { id: "broken", anchor: { ...claim.anchor, start: 5000, end: 5012 } };
    expect(reanchorOne(SAMPLE, `${SAMPLE} More.`, broken)).toMatchObject({ state: "orphaned", start: 5000, end: 5012 });
  });

  it("returns one result per claim, in order", () => {
    const claims = ["David Lammy", "2.3 per cent", "Emmanuel Macron"].map((q, i) => ({
      ...claimOn(SAMPLE, q, 0),
      id: `id-${i}`,
    }));
    const results = reanchorClaims(SAMPLE, SAMPLE.replace("Emmanuel Macron", "Mr Macron"), claims);
    expect(results.map((r) => r.id)).toEqual(["id-0", "id-1", "id-2"]);
    expect(results.map((r) => r.state)).toEqual(["anchored", "anchored", "orphaned"]);
  });
});

describe("reanchorClaims: property", () => {
  const quotes = [
    "10,000 North Korea troops",
    "2.3 per cent",
    "“get serious”",
    "Nato",
    "the time to act is now.”\n\nAhead of the meeting",
    "It comes after he and French president Emmanuel Macron",
  ];
  // Insertions are biased towards pieces of the claims themselves and of their context, which
  // is what makes diffs ambiguous at a claim's edge.
  const insertion = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.constantFrom("per cent", "2.3 ", "Nato ", " troops", "\n\n", "”", "’", "👍🏽", " ", "s", "10,000 "),
    fc.constantFrom(...quotes),
  );
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: insertion });

  function applyEdits(text: string, edits: Array<{ at: number; remove: number; insert: string }>): string {
    let out = Array.from(text);
    for (const { at, remove, insert } of edits) {
      const position = out.length === 0 ? 0 : at % (out.length + 1);
      out = [...out.slice(0, position), ...Array.from(insert), ...out.slice(position + remove)];
    }
    return out.join("");
  }

  it("keeps a claim anchored with identical text under random edits outside it", () => {
    // A second copy of the claim's own quote inserted next to it is a genuinely ambiguous
    // revision, so insertions never contain the quote itself. For the same reason only quotes the
    // article holds once: "Nato" is in it seven times, and edits that rewrite both sides of its
    // first occurrence ("European Nato members" -> "Europeaper centn Nato👍🏽mp up", a shrunk
    // counterexample) leave nothing to tell it from the others, so it is orphaned for review
    // rather than guessed (docs/anchoring.md); the tests above cover repeated quotes.
    const unique = quotes.filter((q) => SAMPLE.split(q).length === 2);
    expect(unique.length).toBeGreaterThanOrEqual(4);
    const editsAround = (quote: string) =>
      fc.array(
        edit.filter((e) => !e.insert.includes(quote)),
        { maxLength: 4 },
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...unique).chain((quote) => fc.tuple(fc.constant(quote), editsAround(quote), editsAround(quote))),
        ([quote, editsBefore, editsAfter]) => {
          const claim = claimOn(SAMPLE, quote, 0);
          const before = cpSlice(SAMPLE, 0, claim.anchor.start);
          const after = cpSlice(SAMPLE, claim.anchor.end);
          const newBefore = applyEdits(before, editsBefore);
          const newText = newBefore + quote + applyEdits(after, editsAfter);
          const [result] = reanchorClaims(SAMPLE, newText, [claim]);
          expect(result).toMatchObject({ state: "anchored", text: quote });
          expect(cpSlice(newText, result!.start, result!.end)).toBe(quote);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never reports anchored unless the new slice equals the quote, possibly after folding", () => {
    fc.assert(
      fc.property(fc.constantFrom(...quotes), fc.array(edit, { minLength: 1, maxLength: 6 }), (quote, edits) => {
        const claim = claimOn(SAMPLE, quote, 0);
        const newText = applyEdits(SAMPLE, edits);
        const [result] = reanchorClaims(SAMPLE, newText, [claim]);
        if (result!.state === "anchored") {
          const fold = (s: string) => s.normalize("NFC").replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ");
          expect(fold(cpSlice(newText, result!.start, result!.end))).toBe(fold(quote));
        }
      }),
      { numRuns: 300 },
    );
  });
});
