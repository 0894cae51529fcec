import { describe, expect, it } from "vitest";
import { createAnchor } from "../../lib/anchoring/anchor";
import { type ClaimToPlan, planReanchoring } from "../../lib/articles/plan-reanchoring";

const OLD = "The council said the budget rose by 12 percent last year.\n\nPriya Sharma said 40 homes were built.";

function claim(id: string, quote: string, extra: Partial<ClaimToPlan> = {}): ClaimToPlan {
  const u = OLD.indexOf(quote);
  const a = createAnchor(OLD, u, u + quote.length);
  return {
    id,
    status: "approved",
    anchorState: "anchored",
    anchorText: null,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    startCp: a.start,
    endCp: a.end,
    anchorRevisionId: "r1",
    ...extra,
  };
}

const plan = (newBody: string, claims: ClaimToPlan[], bodies = new Map([["r1", OLD]])) =>
  planReanchoring({ articleId: "a", claims, bodies, newBody, newRevisionId: "r2", previousNumber: 1, newNumber: 2 });

describe("planReanchoring (what a revision does to the claims, without a database)", () => {
  it("sends an approved claim whose text changed back to review, with the reason and an audit entry", () => {
    const [p] = plan(OLD.replace("12 percent", "14 percent"), [claim("c", "the budget rose by 12 percent")]);
    expect(p).toMatchObject({
      set: { anchorState: "changed", anchorText: "the budget rose by 14 percent", anchorRevisionId: "r2" },
      textChanged: { reason: "The text under this claim changed in revision 2." },
      backToReview: true,
      audit: { after: { anchorState: "changed", revision: 2 }, meta: { backToReview: true } },
    });
  });

  it("flags a draft's changed text without any review step", () => {
    const [p] = plan(OLD.replace("12 percent", "14 percent"), [claim("c", "the budget rose by 12 percent", { status: "draft" })]);
    expect(p).toMatchObject({ textChanged: { reason: expect.any(String) }, backToReview: false });
  });

  it("leaves a claim approved while already changed alone when an unrelated edit comes", () => {
    const changedBody = OLD.replace("12 percent", "14 percent");
    const changed = claim("c", "the budget rose by 12 percent", {
      anchorState: "changed",
      anchorText: "the budget rose by 14 percent",
      anchorRevisionId: "r1b",
    });
    const [p] = plan(`${changedBody}\n\nA closing line.`, [changed], new Map([["r1b", changedBody]]));
    expect(p).toMatchObject({ set: { anchorState: "changed" }, textChanged: null, backToReview: false });
  });

  it("keeps an orphan on the revision it was last found in, and records nothing for an untouched claim", () => {
    const newBody = "The council said the budget rose by 12 percent last year.";
    const [budget, homes] = plan(newBody, [claim("b", "the budget rose by 12 percent"), claim("h", "40 homes were built")]);
    expect(homes).toMatchObject({ set: { anchorState: "orphaned", anchorRevisionId: "r1" }, backToReview: true });
    expect(budget).toMatchObject({
      set: { anchorState: "anchored", anchorRevisionId: "r2" },
      textChanged: null,
      backToReview: false,
    });
    expect(plan(OLD, [claim("b", "the budget rose by 12 percent")])[0]!.audit).toBeNull();
  });

  it("refuses a claim whose revision body is missing rather than re-anchoring against nothing", () => {
    expect(() => plan(OLD, [claim("c", "40 homes were built", { anchorRevisionId: "gone" })])).toThrow(/has no body/);
  });
});
