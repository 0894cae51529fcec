import { describe, expect, it } from "vitest";
import { apiSession, DEMO, login, loginAs, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();

describe("article details, deleting a draft claim, and the audit log", () => {
  it("the editor corrects the article's details and deletes a claim marked by mistake", async () => {
    const api = await apiSession(DEMO.editor);
    const article = (
      await api("/api/articles", {
        method: "POST",
        body: { title: `Tyop ${Date.now()}`, body: "House prices rose 3.2% in March.\n\nRents rose 9% over the year." },
      })
    ).json.article;
    const claim = (
      await api(`/api/articles/${article.id}/claims`, { method: "POST", body: { exact: "House prices rose 3.2% in March" } })
    ).json.claim;

    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${article.id}/revise`);
    const details = page.getByRole("form", { name: "Article details" });
    await details.getByLabel("Title").fill(`Typo fixed ${article.id.slice(0, 6)}`);
    await details.getByLabel("Article URL").fill("ftp://not-a-web-address");
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByText(/must be a web address starting with http/).waitFor();
    await details.getByLabel("Article URL").fill("https://news.example/prices");
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByRole("status").filter({ hasText: "Details saved." }).waitFor();
    const after = (await api(`/api/articles/${article.id}`)).json.article;
    expect(after).toMatchObject({
      title: `Typo fixed ${article.id.slice(0, 6)}`,
      url: "https://news.example/prices",
      slug: article.slug,
    });

    await page.goto(`/articles/${article.id}?claim=${claim.id}`);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete draft claim" }).click();
    await page.waitForURL((u) => !u.search.includes("claim="));
    expect((await api(`/api/claims/${claim.id}`)).status).toBe(404);
    await context.close();
  });

  it("the admin sees failed logins and refused actions in the audit log; others get 403", async () => {
    const anon = await newUserPage(browser());
    await login(anon.page, DEMO.editor2, "definitely the wrong password");
    await anon.page.getByRole("alert").filter({ hasText: "do not match" }).waitFor();
    await anon.context.close();
    const reviewer = await loginAs(browser(), DEMO.reviewer);
    expect((await reviewer.page.goto("/admin/audit"))?.status()).toBe(403);
    await reviewer.context.close();

    const { context, page } = await loginAs(browser(), DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Action").selectOption("auth.login_failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=auth\.login_failed/);
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toContain(DEMO.editor2);
    await page.getByLabel("Action").selectOption("access.denied");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=access\.denied/);
    expect(await page.locator('tbody tr[data-action="access.denied"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});
