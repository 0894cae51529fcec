import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, claims, reviews } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import { checkClaimFigures } from "../../lib/claim-figures/check-claim-figures";
import type { FigureWarning } from "../../lib/claim-figures/figure-warnings";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const database = useTestDatabase();
const db = () => database.handle().db;
let a: Awaited<ReturnType<typeof createActors>>;
let n = 0;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

/** A claim on `exact` in a new article, with verdict, note and source, submitted for review. */
async function submitted(editor: Actor, body: string, exact: string, statement?: string) {
  const article = await createArticle(editor, { title: `Figures ${++n}`, body });
  let claim = await createClaim(editor, article.id, { exact, ...(statement ? { statement } : {}) });
  claim = await updateClaim(editor, claim.id, {
    version: claim.version,
    verdict: "verified",
    rationale: "Checked against NATO.",
  });
  ({ claim } = await addSource(editor, claim.id, { url: "https://www.nato.int/x", title: "NATO", claimVersion: claim.version }));
  claim = await submitClaim(editor, claim.id, { version: claim.version });
  return { article, claim };
}

async function approve(claimId: string, confirm?: FigureWarning[]) {
  const claim = await getClaim(a.reviewer, claimId);
  return reviewClaim(a.reviewer, claimId, {
    version: claim.version,
    decision: "approve",
    ...(confirm ? { confirmFigureWarnings: confirm.map((w) => w.key) } : {}),
  });
}

const warningsOf = async (claimId: string) => (await checkClaimFigures(a.editor, claimId)).warnings;

beforeAll(async () => {
  a = await createActors("fwarn");
});

describe("(a) the statement's figures disagree with the marked text's", () => {
  it("warns when the statement says 2.5% and the text 2.3 per cent", async () => {
    const { claim } = await submitted(
      a.editor,
      "Rail fares will rise by 2.3 per cent in March, the operator said.",
      "Rail fares will rise by 2.3 per cent in March",
      "Rail fares will rise by 2.5% in March.",
    );
    const warnings = await warningsOf(claim.id);
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: "statement",
        statement: "2.5%",
        text: ["2.3 per cent"],
        message: "The statement says “2.5%” but the marked text says “2.3 per cent”.",
      }),
    ]);
  });

  it("raises nothing for the same figure spelt differently (£3.4bn = £3.4 billion, 2.3% = 2.3 per cent)", async () => {
    const { claim } = await submitted(
      a.editor,
      "The tunnel cost £3.4bn and fares rose 2.3% last year.",
      "The tunnel cost £3.4bn and fares rose 2.3% last year",
      "The tunnel cost £3.4 billion and fares rose by 2.3 per cent last year.",
    );
    expect(await warningsOf(claim.id)).toEqual([]);
  });
});

describe("(b) a figure inside the marked text changed after a revision", () => {
  it("says which figure changed since the last approval, old → new", async () => {
    const body = "Council tax will rise by 4.9 per cent in April, the council said.";
    const { article, claim } = await submitted(a.editor, body, "Council tax will rise by 4.9 per cent in April");
    await approve(claim.id);
    await createRevision(a.editor, article.id, { body: body.replace("4.9 per cent", "5.5 per cent") });
    const warnings = await warningsOf(claim.id);
    const changed = warnings.find((w) => w.kind === "text-changed");
    expect(changed).toMatchObject({
      since: "approval",
      changes: [{ from: "4.9 per cent", to: "5.5 per cent" }],
      message: "A figure in the marked text changed since it was last approved: “4.9 per cent” → “5.5 per cent”.",
    });
    // The statement (never edited) still says 4.9: that is warning (a).
    expect(warnings.map((w) => w.kind).sort()).toEqual(["statement", "text-changed"]);
  });

  it("before any approval, compares with the text as marked; a change of words only raises nothing", async () => {
    const body = "Water bills will rise by 21 per cent over five years, the regulator said.";
    const { article, claim } = await submitted(a.editor, body, "Water bills will rise by 21 per cent over five years");
    await createRevision(a.editor, article.id, { body: body.replace("Water bills", "Household water bills") });
    expect((await warningsOf(claim.id)).filter((w) => w.kind === "text-changed")).toEqual([]);
    await createRevision(a.editor, article.id, { body: body.replace("21 per cent", "36 per cent") });
    expect((await warningsOf(claim.id)).find((w) => w.kind === "text-changed")).toMatchObject({
      since: "marking",
      changes: [{ from: "21 per cent", to: "36 per cent" }],
    });
  });
});

describe("(c) another approved claim on the same subject and unit says otherwise", () => {
  it("links to the approved claim whose figure disagrees; drafts, agreeing figures and other places do not count", async () => {
    const first = await submitted(
      a.editor,
      "UK defence spending is 2.3% of GDP, the minister said.",
      "UK defence spending is 2.3% of GDP",
    );
    await approve(first.claim.id);
    // Not approved: never a reference.
    await submitted(a.editor, "UK defence spending is 2.9% of GDP, a think tank said.", "UK defence spending is 2.9% of GDP");
    // Same figure, other spelling: agrees.
    const same = await submitted(
      a.editor,
      "UK defence spending is 2.3 per cent of GDP.",
      "UK defence spending is 2.3 per cent of GDP",
    );
    expect((await warningsOf(same.claim.id)).filter((w) => w.kind === "other-claim")).toEqual([]);
    // Another place: not a contradiction.
    const france = await submitted(
      a.editor,
      "French defence spending is 2.1% of GDP in France.",
      "French defence spending is 2.1% of GDP in France",
    );
    expect((await warningsOf(france.claim.id)).filter((w) => w.kind === "other-claim")).toEqual([]);

    const second = await submitted(
      a.editor2,
      "UK defence spending is 2.5% of GDP, the PM said.",
      "UK defence spending is 2.5% of GDP",
    );
    const warnings = (await warningsOf(second.claim.id)).filter((w) => w.kind === "other-claim");
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: "other-claim",
        claimId: first.claim.id,
        articleId: first.article.id,
        articleTitle: first.article.title,
        theirs: "2.3% of GDP",
        ours: "2.5% of GDP",
      }),
    ]);
    expect(warnings[0]!.message).toContain("Another approved claim on defence spending (% of GDP)");
    // Once the earlier claim goes back to review (an edit after approval), it no longer counts.
    const earlier = await getClaim(a.editor, first.claim.id);
    await updateClaim(a.editor, first.claim.id, { version: earlier.version, rationale: "Checked against NATO, again." });
    expect((await warningsOf(second.claim.id)).filter((w) => w.kind === "other-claim")).toEqual([]);
  });
});

describe("approving over figure warnings", () => {
  it("is refused until the reviewer confirms every warning; the confirmation is an audit row", async () => {
    const { claim } = await submitted(
      a.editor,
      "Bus fares will rise by 3.1 per cent in June, the operator said.",
      "Bus fares will rise by 3.1 per cent in June",
      "Bus fares will rise by 3.6% in June.",
    );
    const unconfirmed = await refusal(approve(claim.id));
    expect(unconfirmed).toMatchObject({ code: "unprocessable" });
    expect(unconfirmed.fields).toHaveProperty("confirmFigureWarnings");
    const warnings = unconfirmed.details?.figureWarnings as FigureWarning[];
    expect(warnings.map((w) => w.kind)).toEqual(["statement"]);
    // A confirmation of other warnings does not count.
    expect((await refusal(approve(claim.id, [{ ...warnings[0]!, key: "statement:something else" }]))).code).toBe("unprocessable");
    // Nothing was recorded by the refusals.
    expect((await getClaim(a.editor, claim.id)).status).toBe("in_review");
    expect(await db().select().from(reviews).where(eq(reviews.claimId, claim.id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "claim.figure_warnings_confirmed"), eq(auditEvents.targetId, claim.id))),
    ).toEqual([]);

    const { claim: approved } = await approve(claim.id, warnings);
    expect(approved.status).toBe("approved");
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.figure_warnings_confirmed"), eq(auditEvents.targetId, claim.id)));
    expect(audit).toMatchObject({ actorId: a.reviewer.id, targetType: "claim" });
    expect(audit!.meta).toMatchObject({
      warnings: [{ kind: "statement", message: "The statement says “3.6%” but the marked text says “3.1 per cent”." }],
    });
  });

  it("approves without asking, and without an audit row, when there is nothing to confirm", async () => {
    const { claim } = await submitted(
      a.editor,
      "The museum had 40,000 visitors in May.",
      "The museum had 40,000 visitors in May",
    );
    expect((await approve(claim.id)).claim.status).toBe("approved");
    const [row] = await db().select({ status: claims.status }).from(claims).where(eq(claims.id, claim.id));
    expect(row?.status).toBe("approved");
    expect(
      await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "claim.figure_warnings_confirmed"), eq(auditEvents.targetId, claim.id))),
    ).toEqual([]);
  });
});
