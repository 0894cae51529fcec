import { describe, expect, it } from "vitest";
import { hydrated, login, useBrowser } from "../e2e/support";
import { A, B, call, DEMO, login as apiLogin } from "./support";

/**
 * Issue 14: "a live update made on A reaches a browser connected to B". The reviewer's Chromium
 * talks only to instance B; the editor marks and edits a claim through instance A's API; the page on
 * B shows both without a reload (PostgreSQL LISTEN/NOTIFY between the instances, then B's refetch).
 */
const { browser } = useBrowser();

describe("a browser on instance B follows changes made through instance A", () => {
  it("shows a claim marked on A, and its new verdict, without reloading", async () => {
    const editor = await apiLogin(A, DEMO.editor);
    const article = await call(A, editor, "/api/articles", {
      method: "POST",
      body: {
        title: `Harbour ${Date.now()}`,
        body: "Harbour news.\n\nThe port authority said 2,300 ships docked last year.\n\nTrade was steady.",
      },
    });
    expect(article.status).toBe(201);
    const articleId = article.json.article.id as string;

    const context = await browser().newContext({ baseURL: B });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await login(page, DEMO.reviewer);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`/articles/${articleId}`);
    await hydrated(page);
    await page.locator("[data-testid=live-updates][data-live=connected]").waitFor();
    await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
    const claims = page.getByTestId("claim-item");
    expect(await claims.count()).toBe(0);

    const marked = await call(A, editor, `/api/articles/${articleId}/claims`, {
      method: "POST",
      body: { exact: "2,300 ships docked last year" },
    });
    expect(marked.status).toBe(201);
    await claims.filter({ hasText: "2,300" }).waitFor();

    const edited = await call(A, editor, `/api/claims/${marked.json.claim.id}`, {
      method: "PATCH",
      body: { version: marked.json.claim.version, verdict: "misleading" },
    });
    expect(edited.status).toBe(200);
    await claims.filter({ hasText: "2,300" }).locator(".verdict-misleading").waitFor();
    expect(await page.evaluate(() => (window as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    await context.close();
  });
});
