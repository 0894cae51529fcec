import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, selectWithMouse, useBrowser } from "./support";

const { browser } = useBrowser();

type Api = Awaited<ReturnType<typeof apiSession>>;

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const BODY = [
  "The council said the new library cost £12m, twice the first estimate.",
  "Visitor numbers rose by 40% in its first year, according to the operator.",
  "The mayor said 2.3 per cent of the budget went to maintenance.",
].join("\n\n");

let editor: Api;
let articleId = "";

beforeAll(async () => {
  editor = await apiSession(DEMO.editor);
  const created = await editor("/api/articles", {
    method: "POST",
    body: {
      title: `The council library cost twice the first estimate, and visitor numbers tell a mixed story ${Date.now()}`,
      body: BODY,
    },
  });
  expect(created.status).toBe(201);
  articleId = created.json.article.id;
});

/** The open export menu's box against the window's width. */
async function menuBox(page: Page) {
  return page.evaluate(() => {
    const body = document.querySelector<HTMLElement>("details.menu .menu-body")!;
    const r = body.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: document.documentElement.clientWidth };
  });
}

describe("export menu (bug 2)", () => {
  // "wrapped": the toolbar wraps before the Export button (a long progress legend, a publication
  // message, a narrow window), which puts the button at the left edge of the page, where a menu
  // aligned to the button's right edge opened past the window's left edge.
  for (const viewport of VIEWPORTS)
    for (const layout of ["as rendered", "wrapped"] as const)
      it(`stays inside the window at ${viewport.width}×${viewport.height} (${layout}), and every entry can be clicked`, async () => {
        const { context, page } = await loginAs(browser(), DEMO.editor);
        await page.setViewportSize(viewport);
        await page.goto(`/articles/${articleId}`);
        if (layout === "wrapped") await page.addStyleTag({ content: ".toolbar .progress-summary { flex-basis: 100%; }" });
        await page.getByText("Export", { exact: true }).click();
        const box = await menuBox(page);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(box.width);
        // Every entry is where a click reaches it (not covered, not off-screen).
        const links = page.locator("details.menu").getByRole("link");
        expect(await links.count()).toBe(11);
        for (const link of await links.all()) await link.click({ trial: true, timeout: 2000 });
        await context.close();
      });

  it("works by keyboard: Enter opens, arrows move, Escape closes and returns focus", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/articles/${articleId}`);
    const summary = page.locator("details.menu").locator("summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("details.menu").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Markdown");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("HTML");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("JSON (internal)");
    const box = await menuBox(page);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.width);
    await page.keyboard.press("Escape");
    expect(await page.locator("details.menu").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    await context.close();
  });
});

describe("switching claims (bug 12)", () => {
  it("after Mark selection as claim, the previous claim's panel takes no typing until the new claim's panel is there", async () => {
    const first = await editor(`/api/articles/${articleId}/claims`, {
      method: "POST",
      body: { exact: "the new library cost £12m" },
    });
    expect(first.status).toBe(201);
    const firstId = first.json.claim.id as string;
    const { context, page } = await loginAs(browser(), DEMO.editor2);
    await page.goto(`/articles/${articleId}?claim=${firstId}`);
    const panel = page.getByTestId("claim-panel");
    await panel.getByLabel("Claim statement").waitFor();

    // Hold the server's answer to "mark" for a while: the window in which the old panel stayed usable.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    let actionSeen = false;
    await page.route("**/*", async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"] && !actionSeen) {
        actionSeen = true;
        await held;
      }
      await route.continue();
    });
    await selectWithMouse(page, "Visitor numbers rose by 40%");
    await page.getByRole("button", { name: "Mark selection as claim" }).click();
    await expect.poll(() => actionSeen).toBe(true);

    // The old panel is still on screen, but it cannot be typed into.
    expect(await panel.getAttribute("data-claim-id")).toBe(firstId);
    const typedIntoOld = await page.evaluate(() => {
      const field = document.querySelector<HTMLTextAreaElement>("[data-testid=claim-panel] textarea");
      field?.focus();
      return document.activeElement === field;
    });
    expect(typedIntoOld).toBe(false);
    await page.keyboard.type("WRONG CLAIM");
    release();

    await page.waitForFunction((id) => {
      const p = document.querySelector("[data-testid=claim-panel]");
      return p && p.getAttribute("data-claim-id") !== id && !p.closest("[inert]");
    }, firstId);
    await expect(panel.locator(".quote").first().innerText()).resolves.toContain("Visitor numbers rose by 40%");
    // The new panel takes typing; the first claim kept its statement.
    await panel.getByLabel("Claim statement").fill("Visitor numbers rose by 40% in the first year");
    expect(await panel.getByLabel("Claim statement").inputValue()).toBe("Visitor numbers rose by 40% in the first year");
    const firstNow = await editor(`/api/claims/${firstId}`);
    expect(firstNow.json.claim.statement).not.toContain("WRONG");
    await page.unroute("**/*");
    await context.close();
  });
});
