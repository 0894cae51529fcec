import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, reportPublications } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { exportReport } from "../../lib/reports/export-report";
import { loadReport } from "../../lib/reports/load-report";
import { getPublishedReport } from "../../lib/reports/get-published-report";
import { publishReport } from "../../lib/reports/publish-report";
import { unpublishReport } from "../../lib/reports/unpublish-report";
import { buildClaimReviews } from "../../lib/reports/render-jsonld";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

async function checkedClaim(
  editor: Actor,
  articleId: string,
  exact: string,
  verdict: "verified" | "disputed" | "false",
  internalSource = false,
) {
  let c = await createClaim(editor, articleId, { exact, claimant: "David Lammy", statement: exact });
  c = await updateClaim(editor, c.id, { version: c.version, verdict, rationale: `Checked ${exact}`, claimDate: "2024-12-04" });
  c = (
    await addSource(editor, c.id, {
      url: "https://www.nato.int/report",
      title: "NATO figures",
      quote: "UK 2.33%",
      accessedAt: "2024-12-05",
      kind: "primary",
      claimVersion: c.version,
    })
  ).claim;
  if (internalSource)
    c = (
      await addSource(editor, c.id, {
        url: "https://intranet.example/whistleblower",
        title: "SECRET-INFORMANT-NOTE",
        internal: true,
        claimVersion: c.version,
      })
    ).claim;
  return c;
}

async function approve(editor: Actor, reviewer: Actor, claimId: string, version: number) {
  const submitted = await submitClaim(editor, claimId, { version });
  return (await reviewClaim(reviewer, claimId, { version: submitted.version, decision: "approve" })).claim;
}

describe("reports from the database", () => {
  it("public exports carry approved claims only, never internal sources; internal exports mark the rest", async () => {
    const { editor, reviewer } = await createActors("rep");
    const a = await createArticle(editor, {
      title: "Report sample",
      body: SAMPLE,
      url: "https://news.example/nato",
      publisher: "The Independent",
      publishedAt: "2024-12-04",
    });
    const checked = await checkedClaim(editor, a.id, "In the United Kingdom, we are at 2.3 per cent", "verified", true);
    const { claim: uk } = await addSource(editor, checked.id, {
      url: "https://www.ons.gov.uk/defence",
      title: "ONS defence spending",
      claimVersion: checked.version,
    });
    const approvedUk = await approve(editor, reviewer, uk.id, uk.version);
    const troops = await checkedClaim(editor, a.id, "10,000 North Korea troops", "disputed");
    await submitClaim(editor, troops.id, { version: troops.version }); // in review, not approved
    await createClaim(editor, a.id, { exact: "Speaking at a meeting" }); // draft

    const pub = await loadReport(reviewer, a.id, "public");
    expect(pub.claims.map((c) => c.statement)).toEqual(["In the United Kingdom, we are at 2.3 per cent"]);
    expect(JSON.stringify(pub)).not.toContain("SECRET-INFORMANT-NOTE");
    expect(pub.claims[0]).toMatchObject({ approvedBy: reviewer.name, verdict: "verified", claimant: "David Lammy" });
    expect(pub.claims[0]!.contextBefore).toContain("“");
    // As the claim itself gives them: the approval to the millisecond in UTC, the public sources
    // in the order they were added.
    expect(pub.claims[0]!.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(pub.claims[0]!.approvedAt).toBe(approvedUk.approvedAt);
    expect(pub.claims[0]!.sources.map((s) => s.title)).toEqual(["NATO figures", "ONS defence spending"]);

    const internal = await loadReport(editor, a.id, "internal");
    // In article order: the draft ("Speaking at a meeting") comes first.
    expect(internal.claims.map((c) => c.status)).toEqual(["draft", "approved", "in_review"]);
    expect(JSON.stringify(internal)).toContain("SECRET-INFORMANT-NOTE");

    for (const format of ["md", "html", "csv", "json", "jsonld"]) {
      const file = await exportReport(editor, a.id, `report.${format}`);
      const text = String(file.body);
      expect(text, format).toContain("2.3 per cent");
      expect(text, format).not.toContain("SECRET-INFORMANT-NOTE");
      expect(text, format).not.toContain("10,000 North Korea troops");
    }
    const internalMd = String((await exportReport(editor, a.id, "report.md", "internal")).body);
    expect(internalMd).toContain("10,000 North Korea troops");
    expect(internalMd).toMatch(/In review/);
    const pdf = await exportReport(editor, a.id, "report.pdf");
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    const reviews = buildClaimReviews(pub);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ "@type": "ClaimReview", reviewRating: { alternateName: "Verified" } });
  });

  it("quotes the context around a claim by code point when the text has characters outside the BMP", async () => {
    const { editor } = await createActors("astral");
    const before = "Fans 🎉🎉 cheered 𝐥𝐨𝐮𝐝𝐥𝐲 as ";
    const after = " 🚀 said the 𝒄𝒍𝒖𝒃 afterwards.";
    const article = await createArticle(editor, { title: "Astral", body: `${before}attendance rose by 12%${after}` });
    const claim = await createClaim(editor, article.id, { exact: "attendance rose by 12%" });
    const report = await loadReport(editor, article.id, "internal");
    const quoted = report.claims.find((c) => c.id === claim.id)!;
    expect(quoted.contextBefore).toBe(before);
    expect(quoted.contextAfter).toBe(after);
  });

  it("unknown formats are 404, the internal variant needs a desk role, anonymous users get 401", async () => {
    const { editor } = await createActors("fmt");
    const a = await createArticle(editor, { title: "Formats", body: SAMPLE });
    await expect(exportReport(editor, a.id, "report.exe")).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "not_found",
    );
    await expect(exportReport(editor, a.id, "report.__proto__")).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "not_found",
    );
    await expect(exportReport(null, a.id, "report.md", "internal")).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "unauthorized",
    );
  });

  it("publishes a snapshot; republishing after a verdict change adds a dated correction; unpublishing takes it down", async () => {
    const { editor, editor2, reviewer } = await createActors("pub");
    const a = await createArticle(editor, { title: "Published sample", body: SAMPLE });
    await expect(publishReport(editor, a.id, { version: 0 })).rejects.toSatisfy((e) => e instanceof AppError && e.status === 422);
    await expect(publishReport(reviewer, a.id, { version: 0 })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "forbidden",
    );

    const uk = await checkedClaim(editor, a.id, "In the United Kingdom, we are at 2.3 per cent", "verified");
    const approved = await approve(editor, reviewer, uk.id, uk.version);
    const v1 = await publishReport(editor, a.id, { version: 0 });
    expect(v1).toMatchObject({ version: 1, corrections: 0 });
    expect(v1.url).toMatch(/\/reports\/published-sample$/);

    // A later edit does not change the public page until it is republished.
    const edited = await updateClaim(editor2, uk.id, {
      version: approved.version,
      verdict: "misleading",
      rationale: "The 2.3% includes pensions.",
    });
    let page = await getPublishedReport("published-sample");
    expect(page.state).toBe("published");
    if (page.state !== "published") throw new Error();
    expect(page.data.claims[0]!.verdict).toBe("verified");
    expect(page.data.modifiedAt).toBeNull();

    // Editing an approved claim sent it back to review; the reviewer approves the new version.
    expect(edited.status).toBe("in_review");
    await reviewClaim(reviewer, uk.id, { version: edited.version, decision: "approve" });
    const v2 = await publishReport(editor, a.id, { version: 1 });
    expect(v2).toMatchObject({ version: 2, corrections: 1 });
    page = await getPublishedReport("published-sample");
    if (page.state !== "published") throw new Error("expected published");
    expect(page.version).toBe(2);
    expect(page.data.claims[0]!.verdict).toBe("misleading");
    expect(page.data.corrections).toEqual([expect.objectContaining({ claimId: uk.id, from: "verified", to: "misleading" })]);
    expect(page.data.modifiedAt).toBe(page.data.corrections[0]!.date);
    const reviews = buildClaimReviews(page.data);
    expect(reviews[0]).toHaveProperty("dateModified");
    // The earlier version stays reachable.
    const old = await getPublishedReport("published-sample", 1);
    expect(old.state === "published" && old.data.claims[0]!.verdict).toBe("verified");

    await unpublishReport(editor, a.id);
    expect((await getPublishedReport("published-sample")).state).toBe("gone");
    await expect(unpublishReport(editor, a.id)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict");
    const audit = (
      await db
        .handle()
        .db.select()
        .from(auditEvents)
        .where(sql`target_id = ${a.id}`)
    ).map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(["report.publish", "report.republish", "report.unpublish"]));
  });

  it("20 parallel publishes of one report version make exactly one new version; the others 409", async () => {
    const { editor, reviewer } = await createActors("pubrace");
    const a = await createArticle(editor, { title: "Raced sample", body: SAMPLE });
    const uk = await checkedClaim(editor, a.id, "In the United Kingdom, we are at 2.3 per cent", "verified");
    await approve(editor, reviewer, uk.id, uk.version);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => publishReport(editor, a.id, { version: 0 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as AppError);
    expect(refused).toHaveLength(19);
    for (const err of refused) expect(err).toMatchObject({ code: "conflict", details: { currentVersion: 1 } });
    const rows = await db.handle().db.select().from(reportPublications).where(eq(reportPublications.articleId, a.id));
    expect(rows.map((r) => r.version)).toEqual([1]);
    // A stale or missing version publishes nothing; the current one does.
    await expect(publishReport(editor, a.id, { version: 0 })).rejects.toSatisfy((e) => e instanceof AppError && e.status === 409);
    await expect(publishReport(editor, a.id, {})).rejects.toSatisfy((e) => e instanceof AppError && e.status === 422);
    expect((await publishReport(editor, a.id, { version: 1 })).version).toBe(2);
  });

  it("dates each ClaimReview from the first publication that carried the claim", async () => {
    const { editor, reviewer } = await createActors("dates");
    const a = await createArticle(editor, { title: "Dated sample", body: SAMPLE });
    const uk = await checkedClaim(editor, a.id, "In the United Kingdom, we are at 2.3 per cent", "verified");
    await approve(editor, reviewer, uk.id, uk.version);
    const v1 = await publishReport(editor, a.id, { version: 0 });
    const troops = await checkedClaim(editor, a.id, "10,000 North Korea troops", "disputed");
    await approve(editor, reviewer, troops.id, troops.version);
    await new Promise((r) => setTimeout(r, 5));
    const v2 = await publishReport(editor, a.id, { version: 1 });
    const page = await getPublishedReport("dated-sample");
    if (page.state !== "published") throw new Error("expected published");
    const byUrl = new Map(buildClaimReviews(page.data).map((r) => [String(r.url).split("#claim-")[1], r]));
    expect(byUrl.get(uk.id)!.datePublished).toBe(v1.publishedAt);
    expect(page.data.firstPublishedAt).toBe(v1.publishedAt);
    expect(byUrl.get(troops.id)!.datePublished).toBe(v2.publishedAt);
    expect(v2.publishedAt > v1.publishedAt).toBe(true);
  });
});
