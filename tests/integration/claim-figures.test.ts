import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, claimFigures } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import { editClaimFigure } from "../../lib/claim-figures/edit-claim-figure";
import { revertClaimFigure } from "../../lib/claim-figures/revert-claim-figure";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { reattachClaim } from "../../lib/claims/reattach-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { loadReport } from "../../lib/reports/load-report";
import { buildReportJson } from "../../lib/reports/render-json";
import { buildClaimReviews } from "../../lib/reports/render-jsonld";
import { renderHtml } from "../../lib/reports/render-html";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const database = useTestDatabase();
const db = () => database.handle().db;
let a: Awaited<ReturnType<typeof createActors>>;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

const BODY =
  "UK defence spending rose to 2.3 per cent of GDP in 2024, the minister said.\n\nThe government will spend £3.4bn on new schools.";

async function figureRows(claimId: string) {
  return db()
    .select()
    .from(claimFigures)
    .where(eq(claimFigures.claimId, claimId))
    .orderBy(claimFigures.origin, claimFigures.position);
}

async function approved(editor: Actor, reviewer: Actor, claimId: string) {
  let claim = await getClaim(editor, claimId);
  claim = await updateClaim(editor, claimId, { version: claim.version, verdict: "verified", rationale: "Checked." });
  ({ claim } = await addSource(editor, claimId, { url: "https://www.nato.int/x", title: "NATO", claimVersion: claim.version }));
  claim = await submitClaim(editor, claimId, { version: claim.version });
  return (await reviewClaim(reviewer, claimId, { version: claim.version, decision: "approve" })).claim;
}

beforeAll(async () => {
  a = await createActors("figures");
});

describe("claim figures are stored with the claim", () => {
  it("creating a claim stores the figures of the marked text and of the statement", async () => {
    const article = await createArticle(a.editor, { title: "Defence", body: BODY });
    const claim = await createClaim(a.editor, article.id, {
      exact: "UK defence spending rose to 2.3 per cent of GDP in 2024",
      statement: "UK defence spending was 2.3% of GDP in 2024.",
    });
    const rows = await figureRows(claim.id);
    expect(rows.map((r) => [r.origin, r.text, r.value, r.unit, r.unitKind, r.period, r.place])).toEqual([
      ["statement", "2.3% of GDP", 2.3, "% of GDP", "percent", "in 2024", "UK"],
      ["text", "2.3 per cent of GDP", 2.3, "% of GDP", "percent", "in 2024", "UK"],
    ]);
    expect(rows[1]).toMatchObject({
      subject: "defence spending",
      subjectKey: "defence spend",
      baseUnit: "% of GDP",
      override: false,
    });
    // The claim view carries them too, marked text first.
    expect((await getClaim(a.reviewer, claim.id)).figures?.map((f) => f.origin)).toEqual(["text", "statement"]);
  });

  it("money keeps its scale and ISO currency code", async () => {
    const article = await createArticle(a.editor, { title: "Schools", body: BODY });
    const claim = await createClaim(a.editor, article.id, { exact: "The government will spend £3.4bn on new schools" });
    const [text] = (await figureRows(claim.id)).filter((r) => r.origin === "text");
    expect(text).toMatchObject({ value: 3.4, scale: 1e9, unit: "GBP", currency: "GBP", unitKind: "currency", amount: 3.4e9 });
  });

  it("editing the statement rewrites its figures in the same transaction as the edit", async () => {
    const article = await createArticle(a.editor, { title: "Defence 2", body: BODY });
    const created = await createClaim(a.editor, article.id, { exact: "UK defence spending rose to 2.3 per cent of GDP in 2024" });
    const edited = await updateClaim(a.editor, created.id, {
      version: created.version,
      statement: "Defence spending hit 2.5% in 2024.",
    });
    const statement = (await figureRows(created.id)).filter((r) => r.origin === "statement");
    expect(statement.map((r) => [r.text, r.value])).toEqual([["2.5%", 2.5]]);
    expect(edited.figures?.filter((f) => f.origin === "statement").map((f) => f.value)).toEqual([2.5]);
    // A refused edit (stale version) changes nothing, figures included.
    expect((await refusal(updateClaim(a.editor, created.id, { version: created.version, statement: "It was 9%." }))).status).toBe(
      409,
    );
    expect((await figureRows(created.id)).filter((r) => r.origin === "statement").map((r) => r.value)).toEqual([2.5]);
  });

  it("a revision that changes the figure under the claim rewrites the marked text's figures", async () => {
    const article = await createArticle(a.editor, { title: "Defence 3", body: BODY });
    const claim = await createClaim(a.editor, article.id, { exact: "UK defence spending rose to 2.3 per cent of GDP in 2024" });
    await createRevision(a.editor, article.id, { body: BODY.replace("2.3 per cent", "2.5 per cent") });
    const text = (await figureRows(claim.id)).filter((r) => r.origin === "text");
    expect(text.map((r) => [r.text, r.value])).toEqual([["2.5 per cent of GDP", 2.5]]);
    // Re-attaching to other text reads that text's figures.
    const now = await getClaim(a.editor, claim.id);
    const body = BODY.replace("2.3 per cent", "2.5 per cent");
    const start = Array.from(body).length - Array.from("£3.4bn on new schools.").length;
    await reattachClaim(a.editor, claim.id, { version: now.version, start, end: start + Array.from("£3.4bn").length });
    expect((await figureRows(claim.id)).filter((r) => r.origin === "text").map((r) => r.unit)).toEqual(["GBP"]);
  });
});

describe("an editor corrects a figure", () => {
  it("stores the correction as an override that re-extraction keeps, audited, with a new claim version", async () => {
    const article = await createArticle(a.editor, {
      title: "Troops",
      body: "More than 10,000 North Korean troops are in Kursk, officials said.",
    });
    const claim = await createClaim(a.editor, article.id, {
      exact: "More than 10,000 North Korean troops are in Kursk",
      statement: "More than 10,000 North Korean troops are in Kursk.",
    });
    const figure = claim.figures!.find((f) => f.origin === "text")!;
    const { claim: after, figure: corrected } = await editClaimFigure(a.editor, claim.id, figure.id, {
      version: claim.version,
      value: 10000,
      scale: 1,
      unit: "troops",
      unitKind: "count",
      qualifier: "more than",
      subject: "north korean troops in russia",
      place: "Russia",
      period: "in 2024",
    });
    expect(after.version).toBe(claim.version + 1);
    expect(corrected).toMatchObject({
      edited: true,
      subject: "north korean troops in russia",
      place: "Russia",
      period: "in 2024",
    });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.figure_edit"), eq(auditEvents.targetId, claim.id)));
    expect(audit?.after).toMatchObject({ subject: "north korean troops in russia", place: "Russia" });
    expect(audit?.before).toMatchObject({ place: "North Korea" });

    // Editing the statement re-reads the figures; the override on the marked text stays as corrected.
    const edited = await updateClaim(a.editor, claim.id, {
      version: after.version,
      statement: "About 11,000 troops are in Kursk.",
    });
    const text = edited.figures!.filter((f) => f.origin === "text");
    expect(text).toHaveLength(1);
    expect(text[0]).toMatchObject({ id: figure.id, edited: true, place: "Russia" });
    expect(edited.figures!.filter((f) => f.origin === "statement").map((f) => f.value)).toEqual([11000]);

    // Undoing it reads the figure from the text again.
    const reverted = await revertClaimFigure(a.editor, claim.id, figure.id, { version: edited.version });
    expect(reverted.figures!.filter((f) => f.origin === "text")).toEqual([
      expect.objectContaining({ edited: false, place: "North Korea", subject: null }),
    ]);
    expect(
      await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "claim.figure_revert"), eq(auditEvents.targetId, claim.id))),
    ).toHaveLength(1);
  });

  it("refuses bad input field by field, a stale version with 409, and a reviewer with 403, changing nothing", async () => {
    const article = await createArticle(a.editor, { title: "Schools 2", body: BODY });
    const claim = await createClaim(a.editor, article.id, { exact: "The government will spend £3.4bn on new schools" });
    const figure = claim.figures!.find((f) => f.origin === "text")!;
    const bad = await refusal(
      editClaimFigure(a.editor, claim.id, figure.id, {
        version: claim.version,
        value: 3.4,
        scale: 7,
        unit: "pounds",
        unitKind: "currency",
      }),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["scale", "unit"]);
    const ok = { value: 3.5, scale: 1e9, unit: "GBP", unitKind: "currency" as const };
    expect((await refusal(editClaimFigure(a.editor, claim.id, figure.id, { version: claim.version + 5, ...ok }))).status).toBe(
      409,
    );
    expect((await refusal(editClaimFigure(a.reviewer, claim.id, figure.id, { version: claim.version, ...ok }))).status).toBe(403);
    expect((await refusal(editClaimFigure(a.editor, claim.id, claim.id, { version: claim.version, ...ok }))).status).toBe(404);
    const [row] = (await figureRows(claim.id)).filter((r) => r.origin === "text");
    expect(row).toMatchObject({ value: 3.4, override: false });
    expect((await getClaim(a.editor, claim.id)).version).toBe(claim.version);
  });

  it("an override whose words are no longer in the text goes with them", async () => {
    const article = await createArticle(a.editor, { title: "Defence 4", body: BODY });
    const claim = await createClaim(a.editor, article.id, { exact: "UK defence spending rose to 2.3 per cent of GDP in 2024" });
    const statementFigure = claim.figures!.find((f) => f.origin === "statement")!;
    const { claim: after } = await editClaimFigure(a.editor, claim.id, statementFigure.id, {
      version: claim.version,
      value: 2.3,
      scale: 1,
      unit: "% of GDP",
      unitKind: "percent",
      subject: "defence budget",
    });
    const edited = await updateClaim(a.editor, claim.id, {
      version: after.version,
      statement: "UK defence spending was 2.4% of GDP.",
    });
    expect(edited.figures!.filter((f) => f.origin === "statement")).toEqual([
      expect.objectContaining({ value: 2.4, edited: false }),
    ]);
  });
});

describe("figures in exports", () => {
  it("the JSON report lists each claim's figures and ClaimReview carries them as text the page shows too", async () => {
    const article = await createArticle(a.editor, { title: "Exported", body: BODY });
    const claim = await createClaim(a.editor, article.id, {
      exact: "UK defence spending rose to 2.3 per cent of GDP in 2024",
      statement: "UK defence spending was 2.3% of GDP in 2024.",
    });
    await approved(a.editor, a.reviewer, claim.id);
    const data = await loadReport(a.editor, article.id, "public");
    const json = buildReportJson(data);
    expect(json.version).toBe(1);
    expect(json.claims[0]!.figures.map((f) => [f.origin, f.text, f.value, f.unit, f.currency, f.edited])).toEqual([
      ["text", "2.3 per cent of GDP", 2.3, "% of GDP", null, false],
      ["statement", "2.3% of GDP", 2.3, "% of GDP", null, false],
    ]);
    const [review] = buildClaimReviews(data);
    expect(review!.itemReviewed.description).toBe("Figures: 2.3% of GDP (defence spending, UK, in 2024)");
    // Still valid ClaimReview: the required properties are untouched.
    expect(review).toMatchObject({ "@type": "ClaimReview", claimReviewed: "UK defence spending was 2.3% of GDP in 2024." });
    expect(renderHtml(data)).toContain('<dt>Figures</dt><dd class="figures">2.3% of GDP (defence spending, UK, in 2024)</dd>');
  });
});
