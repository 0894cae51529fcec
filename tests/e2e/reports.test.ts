import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { apiSession, BASE_URL, DEMO, loginAs, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

/** An article with one approved claim (with an internal source), one in review and one draft. */
async function arrange() {
  const editor = await apiSession(DEMO.editor);
  const reviewer = await apiSession(DEMO.reviewer);
  const title = `Report e2e ${Date.now()}`;
  const article = (
    await editor("/api/articles", {
      method: "POST",
      body: {
        title,
        body: SAMPLE,
        url: "https://www.independent.co.uk/nato",
        publisher: "The Independent",
        publishedAt: "2024-12-04",
      },
    })
  ).json.article;
  const make = async (exact: string, verdict: string) => {
    let c = (
      await editor(`/api/articles/${article.id}/claims`, {
        method: "POST",
        body: { exact, claimant: "David Lammy", claimDate: "2024-12-04" },
      })
    ).json.claim;
    c = (
      await editor(`/api/claims/${c.id}`, {
        method: "PATCH",
        body: { version: c.version, verdict, rationale: `We checked: ${exact}` },
      })
    ).json.claim;
    c = (
      await editor(`/api/claims/${c.id}/sources`, {
        method: "POST",
        body: {
          url: "https://www.nato.int/cps/en/natohq/topics_49198.htm",
          title: "NATO defence expenditure",
          quote: "United Kingdom 2.33",
          accessedAt: "2024-12-05",
          kind: "primary",
          claimVersion: c.version,
        },
      })
    ).json.claim;
    return c;
  };
  let uk = await make("In the United Kingdom, we are at 2.3 per cent", "verified");
  uk = (
    await editor(`/api/claims/${uk.id}/sources`, {
      method: "POST",
      body: {
        url: "https://intranet.example/informant",
        title: "INTERNAL-INFORMANT-MEMO",
        internal: true,
        claimVersion: uk.version,
      },
    })
  ).json.claim;
  uk = (await editor(`/api/claims/${uk.id}/submit`, { method: "POST", body: { version: uk.version } })).json.claim;
  const approved = await reviewer(`/api/claims/${uk.id}/review`, {
    method: "POST",
    body: { version: uk.version, decision: "approve" },
  });
  expect(approved.status).toBe(200);
  const troops = await make("10,000 North Korea troops", "disputed");
  await editor(`/api/claims/${troops.id}/submit`, { method: "POST", body: { version: troops.version } });
  await editor(`/api/articles/${article.id}/claims`, { method: "POST", body: { exact: "Speaking at a meeting" } });
  return { editor, reviewer, article, uk: approved.json.claim };
}

describe("reports", () => {
  it("exports from the Export menu, publishes, and a visitor reads the public page; a correction shows after republishing", async () => {
    const { editor, reviewer, article, uk } = await arrange();
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${article.id}`);

    // Export menu: download the Markdown and the PDF and check them.
    await page.getByText("Export", { exact: true }).click();
    const [md] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Markdown", exact: true }).click(),
    ]);
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    const mdText = fs.readFileSync((await md.path())!, "utf8");
    expect(mdText).toContain("In the United Kingdom, we are at 2.3 per cent");
    expect(mdText).not.toContain("10,000 North Korea troops");
    expect(mdText).not.toContain("INTERNAL-INFORMANT-MEMO");
    // run.mjs sets neither PUBLIC_BASE_URL nor ORG_URL: links name the host the desk was reached on.
    expect(mdText).toContain(`${BASE_URL}/reports/${article.slug}`);
    expect(mdText).not.toContain("localhost:3000");
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "PDF", exact: true }).click(),
    ]);
    expect(
      fs
        .readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Headers of an HTML export.
    const html = await fetch(`${BASE_URL}/api/articles/${article.id}/report.html`, {
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
    });
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.html"$/);
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html.headers.get("content-security-policy")).toMatch(/sandbox/);

    // Publish.
    await page.getByRole("button", { name: "Publish report" }).click();
    await page.getByRole("status").filter({ hasText: "Published version 1" }).waitFor();
    const publicUrl = `/reports/${article.slug}`;
    expect(await page.getByRole("link", { name: /Public page/ }).getAttribute("href")).toBe(`${BASE_URL}${publicUrl}`);

    // A logged-out visitor.
    const visitor = await newUserPage(browser());
    const res = await visitor.page.goto(publicUrl);
    expect(res?.status()).toBe(200);
    const body = await visitor.page.locator("body").innerText();
    expect(body).toContain("In the United Kingdom, we are at 2.3 per cent");
    expect(body).toContain("Verified");
    expect(body).not.toContain("10,000 North Korea troops");
    expect(body).not.toContain("INTERNAL-INFORMANT-MEMO");
    expect(await visitor.page.locator(`#claim-${uk.id}`).count()).toBe(1);
    const ld = JSON.parse((await visitor.page.locator('script[type="application/ld+json"]').textContent())!);
    const reviews = Array.isArray(ld) ? ld : (ld["@graph"] ?? [ld]);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      "@type": "ClaimReview",
      claimReviewed: expect.any(String),
      reviewRating: { alternateName: "Verified" },
    });
    expect(reviews[0].url).toBe(`${BASE_URL}${publicUrl}#claim-${uk.id}`);
    expect(reviews[0].author.url).toBe(BASE_URL);
    expect(JSON.stringify(ld)).not.toContain("INTERNAL-INFORMANT-MEMO");

    // Change the verdict, re-approve, republish: the public page shows a dated correction note.
    let claim = (await editor(`/api/claims/${uk.id}`)).json.claim;
    claim = (
      await editor(`/api/claims/${uk.id}`, {
        method: "PATCH",
        body: { version: claim.version, verdict: "misleading", rationale: "The 2.3% counts pensions." },
      })
    ).json.claim;
    expect(claim.status).toBe("in_review");
    expect(
      (await reviewer(`/api/claims/${uk.id}/review`, { method: "POST", body: { version: claim.version, decision: "approve" } }))
        .status,
    ).toBe(200);
    // Until republished, the public page still shows the first version.
    await visitor.page.reload();
    const claimBlock = visitor.page.locator(`#claim-${uk.id}`);
    expect(await claimBlock.innerText()).toContain("Verified");
    expect(await claimBlock.innerText()).not.toContain("Misleading");
    await page.reload();
    await page.getByRole("button", { name: "Republish report" }).click();
    await page.getByRole("status").filter({ hasText: "Published version 2 with 1 correction" }).waitFor();
    await visitor.page.reload();
    const after = await visitor.page.locator("body").innerText();
    expect(after).toMatch(/Correction/i);
    expect(await visitor.page.locator(`#claim-${uk.id}`).innerText()).toContain("Misleading");
    const ld2 = JSON.parse((await visitor.page.locator('script[type="application/ld+json"]').textContent())!);
    expect(JSON.stringify(ld2)).toContain("dateModified");
    // The earlier version stays reachable.
    expect((await fetch(`${BASE_URL}${publicUrl}?version=1`)).status).toBe(200);

    // Unpublish: the page is gone (410).
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Unpublish" }).click();
    await page.getByRole("status").filter({ hasText: "taken down" }).waitFor();
    expect((await fetch(`${BASE_URL}${publicUrl}`)).status).toBe(410);
    // The visitor's browser, which read the page moments ago, is told at once too (no cached copy).
    expect((await visitor.page.goto(publicUrl))?.status()).toBe(410);
    // Republished, the earlier publications are readable again by their version.
    await page.reload();
    await page.getByRole("button", { name: /Republish report|Publish report/ }).click();
    await page.getByRole("status").filter({ hasText: "Published version 3" }).waitFor();
    expect((await fetch(`${BASE_URL}${publicUrl}?version=1`)).status).toBe(200);
    expect((await visitor.page.goto(publicUrl))?.status()).toBe(200);
    await visitor.context.close();
    await context.close();
  });
});
