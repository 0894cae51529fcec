import fc from "fast-check";
import { parseFragment, serialize } from "parse5";
import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  claimItemHtml,
  type DeskClaim,
  highlightHtml,
  packDeskClaims,
  unpackDeskClaims,
} from "@/app/(desk)/articles/[id]/desk-claims";
import { AnchorBadge, StatusBadge, VerdictBadge } from "@/app/components/verdict-badge";
import { ANCHOR_STATES, CLAIM_STATUSES } from "@/domain/vocabulary";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";

const claim = (patch: Partial<DeskClaim> = {}): DeskClaim => ({
  id: "86270bbc-d402-4e79-8ed5-f7393fb95db0",
  start: 28,
  end: 87,
  verdict: "verified",
  status: "approved",
  anchorState: "anchored",
  statement: "Spending on roads rose by 2% to £10m in 2000, says the finance chief.",
  ...patch,
});

describe("the article page's packed claims", () => {
  it("gives back each claim as it was, in order", () => {
    const claims = [
      claim(),
      claim({ id: "b", start: 160, end: 220, verdict: "false", status: "in_review", anchorState: "changed" }),
      // Any character in a statement: tabs, line breaks, digits after the length, emoji, nothing at all.
      claim({ id: "c", statement: "a\tb\n\nc 12\t3" }),
      claim({ id: "d", statement: "𝟒𝟓 per cent 👍🏽" }),
      claim({ id: "e", statement: "" }),
    ];
    expect(unpackDeskClaims(packDeskClaims(claims))).toEqual(claims);
    expect(unpackDeskClaims({ packed: "" })).toEqual([]);
  });

  it("carries each statement once, verbatim", () => {
    const { packed } = packDeskClaims([claim(), claim({ id: "b", statement: "Other" })]);
    expect(packed.split(claim().statement)).toHaveLength(2);
  });

  it("round-trips any statements", () => {
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        start: fc.nat(),
        end: fc.nat(),
        verdict: fc.constantFrom(...VERDICTS),
        status: fc.constantFrom(...CLAIM_STATUSES),
        anchorState: fc.constantFrom(...ANCHOR_STATES),
        statement: fc.string({ unit: "binary" }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (claims) => {
        expect(unpackDeskClaims(packDeskClaims(claims as DeskClaim[]))).toEqual(claims);
      }),
    );
  });

  it("refuses a string cut short", () => {
    const { packed } = packDeskClaims([claim()]);
    expect(() => unpackDeskClaims({ packed: packed.slice(0, -5) })).toThrow(/past the end/);
    expect(() => unpackDeskClaims({ packed: packed.slice(0, 20) })).toThrow(/cut short/);
    // The verdict, status and anchor state travel as one digit each, and only known ones.
    expect(packed).not.toContain("verified");
    // The fourth field of the first claim: its codes (verified, approved, anchored).
    const withCodes = (codes: string) => ({ packed: packed.replace(/^((?:[^\t]*\t){3})[^\t]*/, `$1${codes}`) });
    expect(unpackDeskClaims(withCodes("vaa"))).toEqual([claim()]);
    expect(unpackDeskClaims(withCodes("fro"))[0]).toMatchObject({
      verdict: "false",
      status: "in_review",
      anchorState: "orphaned",
    });
    expect(() => unpackDeskClaims(withCodes("va"))).toThrow(/verdict, status/);
    expect(() => unpackDeskClaims(withCodes("xaa"))).toThrow(/no word/);
    expect(() => unpackDeskClaims(withCodes("vxa"))).toThrow(/no word/);
    expect(() => unpackDeskClaims(withCodes("vax"))).toThrow(/no word/);
    expect(() => packDeskClaims([claim({ verdict: "true" as DeskClaim["verdict"] })])).toThrow(/has no code/);
    expect(() => packDeskClaims([claim({ status: "toString" as DeskClaim["status"] })])).toThrow(/has no code/);
  });
});

// The same markup whichever way an entity is written (React writes ' as &#x27;, escapeHtml as &#39;).
const canonical = (html: string) => serialize(parseFragment(html));
const HOSTILE = `<script>alert("x")</script> & 'quotes' — £4.5bn 👍🏽 </span><b>`;

describe("the article page's markup written as text", () => {
  it("is what React renders for a highlight's inside: the text, then each ending claim's cue", () => {
    const react = (text: string, start: number, end: number, verdicts: DeskClaim["verdict"][]) =>
      renderToStaticMarkup(
        h(
          Fragment,
          null,
          h("span", { "data-s": start }, text),
          ...verdicts.map((v, i) =>
            h(
              "span",
              { key: i, className: "claim-tag", "data-at": end },
              h("span", { "aria-hidden": "true" }, VERDICT_INFO[v].icon),
              h("span", { className: "sr-only" }, ` (claim: ${VERDICT_INFO[v].label})`),
            ),
          ),
        ),
      );
    for (const [text, verdicts] of [
      ["spending on roads rose by 2 per cent", ["verified"]],
      [HOSTILE, ["false", "misleading"]],
      ["the middle of two claims", []],
    ] as const) {
      expect(canonical(highlightHtml(text, 28, 87, verdicts))).toBe(canonical(react(text, 28, 87, [...verdicts])));
    }
  });

  it("is what React renders for a list item's inside: the link, then the badges", () => {
    const react = (c: DeskClaim) =>
      renderToStaticMarkup(
        h(
          Fragment,
          null,
          h("a", { href: `/articles/a1?claim=${c.id}`, className: "quote" }, c.statement),
          h(
            "div",
            { className: "row-controls" },
            h(VerdictBadge, { verdict: c.verdict }),
            h(StatusBadge, { status: c.status }),
            c.anchorState !== "anchored" && h(AnchorBadge, { state: c.anchorState }),
          ),
        ),
      );
    for (const verdict of VERDICTS)
      for (const [status, anchorState] of [
        ["draft", "anchored"],
        ["in_review", "changed"],
        ["changes_requested", "relocated"],
        ["approved", "ambiguous"],
      ] as const) {
        const c = claim({ verdict, status, anchorState, statement: HOSTILE });
        expect(canonical(claimItemHtml("a1", c))).toBe(canonical(react(c)));
      }
    // In an unfolded list, the link keeps the list whole (`&` escaped in the attribute, as React writes it).
    const c = claim({});
    expect(claimItemHtml("a1", c, true)).toContain(`href="/articles/a1?claim=${c.id}&amp;claims=all"`);
  });

  it("keeps stored text as text", () => {
    const html = highlightHtml(HOSTILE, 0, 1, ["false"]) + claimItemHtml("a1", claim({ statement: HOSTILE }));
    expect(html).not.toMatch(/<script|<b>|<\/span><b>/);
    const text = (parseFragment(html).childNodes[0] as { childNodes: { value?: string }[] }).childNodes[0]!.value;
    expect(text).toBe(HOSTILE);
  });
});
