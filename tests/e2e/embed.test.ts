import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { apiSession, BASE_URL, DEMO, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

describe("embeddable verdicts", () => {
  it("a published claim has a frameable card and an oEmbed answer; unpublishing takes both down", async () => {
    const editor = await apiSession(DEMO.editor);
    const reviewer = await apiSession(DEMO.reviewer);
    const article = (await editor("/api/articles", { method: "POST", body: { title: `Embed e2e ${Date.now()}`, body: SAMPLE } }))
      .json.article;
    let claim = (
      await editor(`/api/articles/${article.id}/claims`, {
        method: "POST",
        body: { exact: "In the United Kingdom, we are at 2.3 per cent", claimant: "David Lammy <script>alert(1)</script>" },
      })
    ).json.claim;
    claim = (
      await editor(`/api/claims/${claim.id}`, {
        method: "PATCH",
        body: {
          version: claim.version,
          verdict: "verified",
          statement: "UK defence spending is 2.3% of GDP",
          rationale: "Nato's figures.",
        },
      })
    ).json.claim;
    claim = (
      await editor(`/api/claims/${claim.id}/sources`, {
        method: "POST",
        body: {
          url: "https://www.nato.int/cps/en/natohq/topics_49198.htm",
          title: "NATO defence expenditure",
          claimVersion: claim.version,
        },
      })
    ).json.claim;
    claim = (await editor(`/api/claims/${claim.id}/submit`, { method: "POST", body: { version: claim.version } })).json.claim;
    expect(
      (
        await reviewer(`/api/claims/${claim.id}/review`, {
          method: "POST",
          body: { version: claim.version, decision: "approve" },
        })
      ).status,
    ).toBe(200);

    // Not published yet: no card.
    const cardUrl = `${BASE_URL}/embed/${article.slug}/${claim.id}`;
    expect((await fetch(cardUrl)).status).toBe(404);
    const published = await editor(`/api/articles/${article.id}/publish`, { method: "POST", body: { version: 0 } });
    expect(published.status).toBe(201);

    const pageUrl = `${BASE_URL}/reports/${article.slug}#claim-${claim.id}`;
    const oembed = await fetch(`${BASE_URL}/api/oembed?url=${encodeURIComponent(pageUrl)}&maxwidth=400`);
    expect(oembed.status).toBe(200);
    const body = await oembed.json();
    expect(body).toMatchObject({
      version: "1.0",
      type: "rich",
      width: 400,
      title: "Verified: UK defence spending is 2.3% of GDP",
    });
    expect(body.html).toContain(`src="${cardUrl}"`);
    expect(body.html).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect((await fetch(`${BASE_URL}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=xml`)).status).toBe(501);
    expect(
      (await fetch(`${BASE_URL}/api/oembed?url=${encodeURIComponent("https://evil.example/reports/x#claim-1")}`)).status,
    ).toBe(404);

    const card = await fetch(cardUrl);
    expect(card.status).toBe(200);
    expect(card.headers.get("x-frame-options")).toBeNull();
    expect(card.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(card.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await card.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;");
    // The desk's own pages still refuse to be framed.
    expect((await fetch(`${BASE_URL}/reports/${article.slug}`)).headers.get("x-frame-options")).toBe("DENY");

    // A page on another origin frames the card in a real browser, as a CMS would.
    const { context, page } = await newUserPage(browser());
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    // 127.0.0.1 is another origin than the desk's localhost (and `frame-ancestors *` covers only
    // network schemes, so an about:blank page would not do).
    const site = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><h1>A news site</h1>${body.html}`);
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    const frame = page.frameLocator("iframe");
    await expect.poll(() => frame.getByText("Verified").first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await frame.getByRole("link", { name: "Read the fact-check" }).getAttribute("href")).toBe(
      `${BASE_URL}/reports/${article.slug}#claim-${claim.id}`,
    );
    expect(dialogs).toBe(0);
    await context.close();
    site.close();

    expect((await editor(`/api/articles/${article.id}/unpublish`, { method: "POST", body: {} })).status).toBe(200);
    expect((await fetch(cardUrl)).status).toBe(410);
    expect((await fetch(`${BASE_URL}/api/oembed?url=${encodeURIComponent(pageUrl)}`)).status).toBe(410);
  });
});
