import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sources, sourceSnapshots } from "../../db/schema";
import { GET } from "../../app/reports/[slug]/archive/[sourceId]/route";
import { createArticle } from "../../lib/articles/create-article";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateSource } from "../../lib/claims/update-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { getPublishedReport } from "../../lib/reports/get-published-report";
import { publishReport } from "../../lib/reports/publish-report";
import { unpublishReport } from "../../lib/reports/unpublish-report";
import { renderHtml } from "../../lib/reports/render-html";
import { addArchiveLinks, archivePath, getPublicArchive } from "../../lib/sources/public-archive";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { sha256Hex } from "../../lib/text/hash";
import { getClaim } from "../../lib/claims/get-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const database = useTestDatabase();
const db = () => database.handle().db;
let a: Awaited<ReturnType<typeof createActors>>;
const ids = { article: "", slug: "", claim: "", open: "", secret: "", working: "", draftArticle: "", draftSource: "" };

const KEPT = "Table 4: 2.33% of GDP. <script>alert('archived')</script> <a href=\"javascript:alert(1)\">x</a>";

/** What the link checker stores (lib/sources/check-source.ts): a good fetch, then, if `broken`, a 404. */
async function checks(sourceId: string, url: string, broken: boolean) {
  const t0 = new Date(Date.now() - 3_600_000);
  await db()
    .insert(sourceSnapshots)
    .values({
      sourceId,
      url,
      outcome: "ok",
      httpStatus: 200,
      finalUrl: "http://10.0.0.7/internal-redirect-target",
      contentType: "text/html",
      title: "Defence expenditure",
      textExtract: KEPT,
      sha256: sha256Hex(KEPT),
      bytes: KEPT.length,
      fetchedAt: t0,
    });
  if (broken)
    await db()
      .insert(sourceSnapshots)
      .values({ sourceId, url, outcome: "http_error", httpStatus: 404, error: "secret detail", fetchedAt: new Date() });
}

beforeAll(async () => {
  a = await createActors("archive");
  const article = await createArticle(a.editor, {
    title: "Defence figures",
    body: "UK defence spending is 2.3% of GDP, the minister said.",
  });
  ids.article = article.id;
  ids.slug = article.slug;
  let claim = await createClaim(a.editor, article.id, { exact: "UK defence spending is 2.3% of GDP" });
  claim = await updateClaim(a.editor, claim.id, { version: claim.version, verdict: "verified", rationale: "NATO estimates." });
  const open = await addSource(a.editor, claim.id, {
    url: "https://www.nato.int/gone",
    title: "NATO",
    claimVersion: claim.version,
  });
  const secret = await addSource(a.editor, claim.id, {
    url: "https://intranet.example/informant",
    title: "INFORMANT",
    internal: true,
    claimVersion: open.claim.version,
  });
  const working = await addSource(a.editor, claim.id, {
    url: "https://www.ons.gov.uk/fine",
    title: "ONS",
    claimVersion: secret.claim.version,
  });
  ids.claim = claim.id;
  ids.open = open.source!.id;
  ids.secret = secret.source!.id;
  ids.working = working.source!.id;
  await checks(ids.open, "https://www.nato.int/gone", true);
  await checks(ids.secret, "https://intranet.example/informant", true);
  await checks(ids.working, "https://www.ons.gov.uk/fine", false);
  const submitted = await submitClaim(a.editor, claim.id, { version: working.claim.version });
  await reviewClaim(a.reviewer, claim.id, { version: submitted.version, decision: "approve" });
  await publishReport(a.editor, article.id, { version: 0 });
});

describe("the public report links to the kept copy of a source whose link broke", () => {
  it("links only the public source whose link is broken", async () => {
    const report = await getPublishedReport(ids.slug);
    if (report.state !== "published") throw new Error("not published");
    const html = renderHtml({ ...(await addArchiveLinks(report.data, ids.slug)), variant: "public" });
    expect(html).toContain(`<a class="archived-copy" href="${archivePath(ids.slug, ids.open)}">archived copy (text)</a>`);
    expect(html).not.toContain(archivePath(ids.slug, ids.working));
    expect(html).not.toContain(ids.secret);
    expect(html).not.toContain("INFORMANT");
    // The stored snapshot never carries the link: it is added when the page is served.
    expect(JSON.stringify(report.data)).not.toContain("archiveUrl");
  });

  it("serves the cited text as inert plain text, and nothing else of the fetch", async () => {
    const res = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ slug: ids.slug, sourceId: ids.open }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    const body = await res.text();
    expect(body).toContain("Archived copy of https://www.nato.int/gone");
    expect(body).toContain(KEPT);
    expect(body).not.toContain("10.0.0.7");
    expect(body).not.toContain("secret detail");
  });

  it("never serves an internal source's copy, nor a working link's, nor an unknown id", async () => {
    expect(await getPublicArchive(ids.slug, ids.secret)).toEqual({ state: "missing" });
    expect(await getPublicArchive(ids.slug, ids.working)).toEqual({ state: "missing" });
    expect(await getPublicArchive(ids.slug, "00000000-0000-4000-8000-000000000000")).toEqual({ state: "missing" });
    expect(await getPublicArchive(ids.slug, "not-a-uuid")).toEqual({ state: "missing" });
    expect(await getPublicArchive("no-such-report", ids.open)).toEqual({ state: "missing" });
    const res = await GET(new Request("http://localhost/x"), {
      params: Promise.resolve({ slug: ids.slug, sourceId: ids.secret }),
    });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("2.33%");
  });

  it("a source of another report is not reachable through this one", async () => {
    const other = await createArticle(a.editor, { title: "Unpublished", body: "Rail fares rose by 4.9% this year." });
    const claim = await createClaim(a.editor, other.id, { exact: "Rail fares rose by 4.9% this year" });
    const { source } = await addSource(a.editor, claim.id, {
      url: "https://rail.example/gone",
      title: "Rail",
      claimVersion: claim.version,
    });
    await checks(source!.id, "https://rail.example/gone", true);
    expect(await getPublicArchive(ids.slug, source!.id)).toEqual({ state: "missing" });
  });

  it("a source marked internal after publication loses its public copy at once", async () => {
    const [row] = await db().select().from(sources).where(eq(sources.id, ids.open));
    const { version } = await getClaim(a.editor, ids.claim);
    await updateSource(a.editor, ids.claim, ids.open, { internal: true, claimVersion: version });
    expect(await getPublicArchive(ids.slug, ids.open)).toEqual({ state: "missing" });
    await db().update(sources).set({ internal: row!.internal }).where(eq(sources.id, ids.open));
    expect((await getPublicArchive(ids.slug, ids.open)).state).toBe("ok");
  });

  it("answers 410 once the report is unpublished", async () => {
    await unpublishReport(a.editor, ids.article);
    expect(await getPublicArchive(ids.slug, ids.open)).toEqual({ state: "gone" });
    const res = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ slug: ids.slug, sourceId: ids.open }) });
    expect(res.status).toBe(410);
  });
});
