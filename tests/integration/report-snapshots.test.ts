import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reportPublications } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { getDb } from "../../lib/database";
import { getPublishedReport } from "../../lib/reports/get-published-report";
import { publishReport } from "../../lib/reports/publish-report";
import { REPORT_SNAPSHOT_VERSION } from "../../lib/reports/report-snapshot";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();

const UNVERSIONED = JSON.parse(
  fs.readFileSync(new URL("../fixtures/report-snapshots/unversioned-2026-12-01.json", import.meta.url), "utf8"),
) as { claims: { id: string; verdict: string }[] };

describe("published report snapshots in the database", () => {
  it("serves a publication stored before snapshots were versioned, and republishes on top of it with a version", async () => {
    const { editor, admin } = await createActors("snapver");
    const article = await createArticle(editor, { title: "Old publication", body: "Exports rose by 4 percent." });
    const db = await getDb();
    await db
      .insert(reportPublications)
      .values({ articleId: article.id, version: 1, slug: article.slug, snapshot: UNVERSIONED, publishedBy: admin.id });

    const page = await getPublishedReport(article.slug);
    expect(page.state).toBe("published");
    if (page.state !== "published") return;
    expect(page.data.claims.map((c) => c.verdict)).toEqual(UNVERSIONED.claims.map((c) => c.verdict));
    expect(page.data).not.toHaveProperty("schemaVersion");

    // Republishing reads the old snapshot as the previous version; this article has no approved
    // claims, so it is refused for that reason, not for the old snapshot's shape.
    await expect(publishReport(admin, article.id, { version: 1 })).rejects.toMatchObject({ code: "unprocessable" });
  });

  it("stores a new publication with its schema version", async () => {
    const { editor, reviewer, admin } = await createActors("snapnew");
    const article = await createArticle(editor, { title: "New publication", body: "Exports rose by 4 percent in 2024." });
    let claim = await createClaim(editor, article.id, { exact: "Exports rose by 4 percent" });
    claim = await updateClaim(editor, claim.id, { version: claim.version, verdict: "verified", rationale: "Trade data." });
    claim = (
      await addSource(editor, claim.id, { url: "https://stats.example/trade", title: "Trade", claimVersion: claim.version })
    ).claim;
    const submitted = await submitClaim(editor, claim.id, { version: claim.version });
    await reviewClaim(reviewer, claim.id, { version: submitted.version, decision: "approve" });
    await publishReport(admin, article.id, { version: 0 });

    const [row] = await (
      await getDb()
    )
      .select({ snapshot: reportPublications.snapshot })
      .from(reportPublications)
      .where(eq(reportPublications.articleId, article.id));
    expect(row?.snapshot).toMatchObject({ schemaVersion: REPORT_SNAPSHOT_VERSION, article: { id: article.id } });
    const page = await getPublishedReport(article.slug);
    expect(page.state === "published" && page.data.claims.map((c) => c.verdict)).toEqual(["verified"]);
  });
});
