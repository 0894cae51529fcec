import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

describe("search from the header", () => {
  it("finds a claim by a figure written another way, highlighted, and pages and filters through the API", async () => {
    const editor = await apiSession(DEMO.editor);
    const stamp = Date.now();
    const created = await editor("/api/articles", {
      method: "POST",
      body: {
        title: `Harbour tunnel costs ${stamp}`,
        body: "The harbour tunnel will cost £7.85bn, the council said.\n\nA <b>bold</b> claim: ferries carry 12,345 people a day.",
      },
    });
    expect(created.status).toBe(201);
    const articleId = created.json.article.id;
    const claim = await editor(`/api/articles/${articleId}/claims`, {
      method: "POST",
      body: { exact: "The harbour tunnel will cost £7.85bn", claimant: "Council leader" },
    });
    expect(claim.status).toBe(201);

    const { context, page } = await loginAs(browser(), DEMO.reviewer);
    await page.goto("/articles");
    const box = page.getByRole("search", { name: "Search the desk" }).getByLabel("Search claims, sources and articles");
    await box.fill("7.85 billion pounds");
    await box.press("Enter");
    await page.waitForURL(/\/search\?q=/);
    const hit = page.getByTestId("claim-hit").filter({ hasText: "harbour tunnel" });
    await hit.waitFor();
    expect(await hit.locator("mark").allInnerTexts()).toEqual(["£7.85bn"]);
    await hit.getByRole("link", { name: /harbour tunnel will cost/ }).click();
    await page.waitForURL(new RegExp(`/articles/${articleId}\\?claim=${claim.json.claim.id}`));

    // Markup in an article is shown as text, never interpreted.
    await page.goto(`/search?q=${encodeURIComponent("12345 ferries")}`);
    const article = page.getByTestId("article-hit").filter({ hasText: `Harbour tunnel costs ${stamp}` });
    await article.waitFor();
    expect(await article.innerText()).toContain("A <b>bold</b> claim");
    expect(await article.locator("b").count()).toBe(0);
    expect(await article.locator("mark").allInnerTexts()).toEqual(expect.arrayContaining(["ferries", "12,345 people"]));

    // A filter that excludes it; a bad date is a field message, not an error page.
    await page.goto(`/search?q=${encodeURIComponent("£7.85bn")}&verdict=false`);
    await page.getByText("No claim matches.").waitFor();
    await page.goto(`/search?q=tunnel&from=2026-13-45`);
    await page.locator("#search-from-error").waitFor();
    await context.close();

    // The API answers the same, with highlights as segments.
    const reviewer = await apiSession(DEMO.reviewer);
    const api = await reviewer(`/api/search?q=${encodeURIComponent("7.85 billion pounds")}`);
    expect(api.status).toBe(200);
    expect(api.json.claims.results.map((r: { claim: { id: string } }) => r.claim.id)).toEqual([claim.json.claim.id]);
    expect(api.json.claims.results[0].highlights.statement).toContainEqual({ text: "£7.85bn", match: true });
    const bad = await reviewer("/api/search?limit=0&status=lost");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["limit", "status"]);
  });
});
