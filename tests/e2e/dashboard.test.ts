import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

const CAPTIONS = ["Claims per week", "Time to approval", "Review queue now", "Verdicts per month", "Needs attention"];

describe("the desk's dashboard", () => {
  it("is reached from the header, shows each chart with its table, and downloads a chart's CSV", async () => {
    // Something this week for the charts to count: a claim marked and sent to review.
    const editor = await apiSession(DEMO.editor);
    const article = await editor("/api/articles", {
      method: "POST",
      body: { title: `Dashboard ${Date.now()}`, body: "Inflation fell to 2.3% in May, the statistics office said." },
    });
    expect(article.status).toBe(201);
    const claim = await editor(`/api/articles/${article.json.article.id}/claims`, {
      method: "POST",
      body: { exact: "Inflation fell to 2.3% in May" },
    });
    expect(claim.status).toBe(201);

    const { page } = await loginAs(browser(), DEMO.reviewer);
    await page.goto("/articles");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();

    for (const caption of CAPTIONS) {
      const figure = page.getByRole("figure", { name: new RegExp(caption) });
      expect(await figure.count()).toBe(1);
      expect(await figure.locator("svg.chart").count()).toBe(1);
      const table = figure.getByRole("table", { name: new RegExp(caption) });
      expect(await table.isVisible()).toBe(true);
      expect(await table.getByRole("row").count()).toBeGreaterThan(1);
      expect(await figure.getByRole("link", { name: /as CSV/ }).getAttribute("href")).toMatch(/^\/dashboard\/csv\//);
    }
    // This week's row (the last) counts at least the claim marked above.
    const activity = page.getByRole("table", { name: /Claims per week/ });
    const thisWeek = activity.getByRole("row").last();
    expect(Number(await thisWeek.getByRole("cell").first().innerText())).toBeGreaterThanOrEqual(1);

    // The CSV, fetched with the page's own cookies.
    const href = await page
      .getByRole("figure", { name: /Claims per week/ })
      .getByRole("link", { name: /as CSV/ })
      .getAttribute("href");
    const csv = await page.evaluate(async (url) => {
      const r = await fetch(url!);
      return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
    }, href);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("week_starting,marked,submitted,approved");
    expect(lines).toHaveLength(13);

    // Signed out, the download is not given: the visitor is sent to the login page.
    const anonymous = await fetch(new URL(href!, page.url()), { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(new URL(anonymous.headers.get("location")!, page.url()).pathname).toBe("/login");
    expect(await anonymous.text()).not.toContain("week_starting");
  });
});
