import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSession, DEMO, hydrated, loginAs, selectWithMouse, useBrowser } from "./support";

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
/**
 * Where `locator` is on screen, once it is: right after a claim is marked the page comes back from
 * the server and React replaces the panel, and a box measured in between is null.
 */
async function boxOnceShown(locator: Locator) {
  let box: Awaited<ReturnType<Locator["boundingBox"]>> = null;
  await expect
    .poll(async () => {
      box = await locator.boundingBox();
      return box !== null;
    })
    .toBe(true);
  return box!;
}

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

describe("the workbench on a long article with 500 claims", () => {
  // No figure: a suggestion covering the phrase would take the mouse's drag (see the closing note).
  const MIDDLE = "The harbour master thanked the volunteer crews";
  let longId = "";
  beforeAll(async () => {
    const paragraphs = Array.from(
      { length: 100 },
      (_, i) =>
        `Paragraph ${i + 1} reports that the council spent £${i + 3} million on roads, that bus use rose by ${i + 2} per cent, ` +
        `that officials said the budget was balanced, and that the plan runs until ${2030 + (i % 20)}.` +
        (i === 50 ? ` ${MIDDLE} at a ceremony on the quay.` : ""),
    );
    const body = paragraphs.join("\n\n");
    const created = await editor("/api/articles", { method: "POST", body: { title: `Long article ${Date.now()}`, body } });
    expect(created.status).toBe(201);
    longId = created.json.article.id;
    // Five claims in each paragraph, by offsets (the text is ASCII apart from £, one code point).
    const ranges: { start: number; end: number }[] = [];
    let at = 0;
    for (const [i, p] of paragraphs.entries()) {
      for (const phrase of [
        `Paragraph ${i + 1}`,
        `spent £${i + 3} million`,
        `rose by ${i + 2} per cent`,
        "the budget was balanced",
        `until ${2030 + (i % 20)}`,
      ]) {
        const start = at + p.indexOf(phrase);
        ranges.push({ start, end: start + phrase.length });
      }
      at += p.length + 2;
    }
    for (let i = 0; i < ranges.length; i += 10) {
      const answers = await Promise.all(
        ranges.slice(i, i + 10).map((r) => editor(`/api/articles/${longId}/claims`, { method: "POST", body: r })),
      );
      for (const a of answers) expect(a.status).toBe(201);
    }
  }, 120_000);

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ])
    it(`at ${viewport.width}×${viewport.height}: marks from the floating button halfway down, with the panel in view`, async () => {
      const { context, page } = await loginAs(browser(), viewport.width === 1280 ? DEMO.editor : DEMO.editor2);
      await page.setViewportSize(viewport);
      await page.goto(`/articles/${longId}`);
      await page.getByTestId("article-text").waitFor();
      expect(await page.locator("mark.claim").count()).toBeGreaterThanOrEqual(500);
      // The list beside the text is folded after its first hundred claims (claim-list.tsx).
      expect(await page.getByTestId("claim-item").count()).toBe(100);
      expect(await page.getByTestId("claim-list-show-all").innerText()).toBe(
        `Show all ${500 + (viewport.width === 1280 ? 0 : 1)} claims`,
      );

      await selectWithMouse(page, MIDDLE);
      const scrolled = await page.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(1000); // halfway down, far from the top toolbar
      const adder = page.getByTestId("mark-adder");
      await adder.waitFor();
      // The button sits next to the selection, inside the window.
      const adderBox = (await adder.boundingBox())!;
      expect(adderBox.y).toBeGreaterThan(0);
      expect(adderBox.y + adderBox.height).toBeLessThan(viewport.height);
      await adder.click();
      await page.waitForFunction(
        (t) => document.querySelector("[data-testid=claim-panel] .quote")?.textContent?.includes(t) ?? false,
        MIDDLE,
      );
      // The new claim is beyond the list's fold (the first hundred claims): the list unfolds for it.
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=claim-item]").length > 500);
      expect(await page.getByTestId("claim-list-show-all").count()).toBe(0);
      // The page did not jump to the top, and the panel is in view beside the text.
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(200);
      const panelBox = await boxOnceShown(page.getByTestId("claim-panel"));
      const textBox = await boxOnceShown(page.getByTestId("article-text"));
      expect(panelBox.y).toBeGreaterThanOrEqual(0);
      expect(panelBox.y).toBeLessThan(viewport.height / 2);
      expect(panelBox.x).toBeGreaterThan(textBox.x + textBox.width - 1); // beside, not below
      // Its essential fields are there at once; when and where are folded.
      await page.getByTestId("claim-panel").getByLabel("Claim statement").fill("The harbour master counted 4,321 ships");
      expect(await page.getByTestId("claim-panel").getByLabel("Claim date").isVisible()).toBe(false);
      await context.close();
    });

  it("selecting a claim, from its highlight or from the list, updates the panel quickly; scrolling stays smooth", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/articles/${longId}`);
    await hydrated(page);
    expect(await page.locator("mark.claim").count()).toBeGreaterThanOrEqual(500);

    // Scrolling the whole text: the longest gap between two frames.
    const longestFrame = await page.evaluate(async () => {
      let longest = 0;
      let last = performance.now();
      const end = document.documentElement.scrollHeight;
      while (window.scrollY + window.innerHeight < end - 10) {
        window.scrollBy(0, 300);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }
      return longest;
    });

    /** From the press on `target` to the panel showing that claim, usable: milliseconds. */
    const select = async (target: ReturnType<typeof page.locator>, claimId: string) => {
      await target.scrollIntoViewIfNeeded();
      await page.evaluate((id) => {
        const w = window as unknown as { panelTimer: { start: number; end: number } };
        w.panelTimer = { start: 0, end: 0 };
        document.addEventListener("pointerdown", () => (w.panelTimer.start = performance.now()), { capture: true, once: true });
        const done = () => {
          const p = document.querySelector("[data-testid=claim-panel]");
          return p?.getAttribute("data-claim-id") === id && !p.closest("[inert]");
        };
        const observer = new MutationObserver(() => {
          if (w.panelTimer.start > 0 && done()) {
            w.panelTimer.end = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }, claimId);
      await target.click();
      await page.waitForFunction(() => (window as unknown as { panelTimer: { end: number } }).panelTimer.end > 0);
      return page.evaluate(() => {
        const t = (window as unknown as { panelTimer: { start: number; end: number } }).panelTimer;
        return t.end - t.start;
      });
    };
    // The list is folded after its first hundred; "Show all" unfolds it in place, without a request,
    // and takes the keyboard to the first claim that was folded.
    const items = page.getByTestId("claim-item");
    expect(await items.count()).toBe(100);
    expect(await page.getByTestId("claim-list-show-all").getAttribute("href")).toBe(`/articles/${longId}?claims=all`);
    await page.getByTestId("claim-list-show-all").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=claim-item]").length > 100);
    expect(await items.count()).toBeGreaterThanOrEqual(500);
    expect(await page.getByTestId("claim-list-show-all").count()).toBe(0);
    // Without JavaScript "Show all" is a link the server answers with the whole list.
    const whole = await context.request.get(`/articles/${longId}?claims=all`);
    const wholeHtml = await whole.text();
    expect(wholeHtml.split('data-testid="claim-item"').length - 1).toBeGreaterThanOrEqual(500);
    // Its links keep the list whole for the next page.
    expect(wholeHtml).toMatch(/href="\/articles\/[^"?]+\?claim=[^"&]+&amp;claims=all"/);
    expect(
      await page.evaluate(
        () => document.activeElement === document.querySelectorAll("[data-testid=claim-item]")[100]?.querySelector("a"),
      ),
    ).toBe(true);

    const times: number[] = [];
    for (const n of [100, 250, 400, 480]) {
      const mark = page.locator("mark.claim").nth(n);
      times.push(await select(mark, (await mark.getAttribute("data-claim-id"))!));
      const item = page
        .getByTestId("claim-item")
        .nth(n + 5)
        .getByRole("link");
      const href = (await item.getAttribute("href"))!;
      times.push(await select(item, new URL(href, "http://x").searchParams.get("claim")!));
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1]!;
    console.log(
      `500-claim article: selection → panel ${times.map((t) => t.toFixed(0)).join(", ")} ms (median ${median.toFixed(0)} ms); longest frame while scrolling ${longestFrame.toFixed(0)} ms`,
    );
    // Bounds for this shared 2-core machine (the figures above are what to compare).
    expect(median).toBeLessThan(1500);
    expect(longestFrame).toBeLessThan(1000);
    await context.close();
  });

  it("shows a caret while moving through the text with the keyboard", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/articles/${articleId}`);
    await hydrated(page);
    await page.getByTestId("article-text").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const caret = page.locator(".text-caret");
    await caret.waitFor();
    const a = (await caret.boundingBox())!;
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await caret.boundingBox())!.x).toBeGreaterThan(a.x);
    await context.close();
  });
});

describe("revision diffs", () => {
  it("the revision page, the claim panel and the review page show 2.3 → 2.5 word by word; the reviewer sees it at Approve", async () => {
    const reviewer = await apiSession(DEMO.reviewer);
    const before = "Mr Lammy said: in the United Kingdom, we are at 2.3 per cent.\n\nThe summit ends on Friday.";
    const after = "Mr Lammy said: in the United Kingdom, we are at 2.5 per cent.\n\nThe summit ends on Friday.";
    const created = await editor("/api/articles", { method: "POST", body: { title: `Diff ${Date.now()}`, body: before } });
    const id = created.json.article.id as string;
    let c = (await editor(`/api/articles/${id}/claims`, { method: "POST", body: { exact: "we are at 2.3 per cent" } })).json
      .claim;
    c = (
      await editor(`/api/claims/${c.id}`, {
        method: "PATCH",
        body: { version: c.version, verdict: "verified", rationale: "Nato estimates." },
      })
    ).json.claim;
    c = (
      await editor(`/api/claims/${c.id}/sources`, {
        method: "POST",
        body: {
          url: "https://www.nato.int/x",
          title: "Nato",
          accessedAt: "2025-02-01",
          kind: "primary",
          claimVersion: c.version,
        },
      })
    ).json.claim;
    c = (await editor(`/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } })).json.claim;
    const approved = await reviewer(`/api/claims/${c.id}/review`, {
      method: "POST",
      body: { version: c.version, decision: "approve" },
    });
    expect(approved.status).toBe(200);
    expect((await editor(`/api/articles/${id}/revisions`, { method: "POST", body: { body: after } })).status).toBe(201);

    const ed = await loginAs(browser(), DEMO.editor);
    await ed.page.setViewportSize({ width: 1280, height: 800 });
    await ed.page.goto(`/articles/${id}`);
    await ed.page.getByRole("link", { name: "what changed" }).click();
    await ed.page.waitForURL(/\/revisions\/2$/);
    await expect(ed.page.getByTestId("diff-summary").innerText()).resolves.toMatch(/^1 word inserted, 1 word deleted\./);
    const diff = ed.page.getByTestId("revision-diff");
    expect(await diff.locator("del").allInnerTexts()).toEqual(["2.3"]);
    expect(await diff.locator("ins").allInnerTexts()).toEqual(["2.5"]);
    expect(await diff.innerText()).toContain("The summit ends on Friday.");

    await ed.page.goto(`/articles/${id}?claim=${c.id}`);
    const panelDiff = ed.page.getByTestId("claim-panel").getByTestId("old-and-new");
    expect(await panelDiff.locator("del").allInnerTexts()).toEqual(["2.3"]);
    expect(await panelDiff.locator("ins").allInnerTexts()).toEqual(["2.5"]);
    await ed.context.close();

    const rv = await loginAs(browser(), DEMO.reviewer);
    await rv.page.setViewportSize({ width: 1920, height: 1080 });
    await rv.page.goto(`/review/${c.id}`);
    const atApprove = rv.page.getByRole("form", { name: "Decide on this claim" }).getByTestId("reapprove-diff");
    expect(await atApprove.locator("del").allInnerTexts()).toEqual(["2.3"]);
    expect(await atApprove.locator("ins").allInnerTexts()).toEqual(["2.5"]);
    // The figure changed (2.3 → 2.5 per cent): approving asks the reviewer to confirm it (issue 12).
    const confirm = rv.page.getByTestId("figure-warnings-confirm");
    expect(await confirm.innerText()).toContain("“2.3 per cent” → “2.5 per cent”");
    await confirm.getByRole("checkbox").check();
    await rv.page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(async () => (await reviewer(`/api/claims/${c.id}`)).json.claim.status).toBe("approved");
    await rv.context.close();
  });
});

describe("claims inside other claims", () => {
  it("a claim marked inside another opens itself from the text, in its own colour; the heading counts the list", async () => {
    const body = [
      "The minister said that spending rose to 2.5 per cent of GDP last year, the highest in a decade.",
      "A spokesman later added that 400 new posts were created.",
    ].join("\n\n");
    const created = await editor("/api/articles", { method: "POST", body: { title: `Nested claims ${Date.now()}`, body } });
    expect(created.status).toBe(201);
    const id = created.json.article.id as string;
    const mark = async (exact: string) => {
      const res = await editor(`/api/articles/${id}/claims`, { method: "POST", body: { exact } });
      expect(res.status).toBe(201);
      return res.json.claim as { id: string; version: number };
    };
    const outer = await mark("spending rose to 2.5 per cent of GDP last year");
    const inner = await mark("2.5 per cent");
    expect(
      (await editor(`/api/claims/${inner.id}`, { method: "PATCH", body: { version: inner.version, verdict: "false" } })).status,
    ).toBe(200);
    // A third claim whose paragraph a correction then deletes: it is listed as orphaned, not as a claim.
    await mark("400 new posts were created");
    const revised = await editor(`/api/articles/${id}/revisions`, {
      method: "POST",
      body: { body: body.split("\n\n")[0], baseRevision: 1 },
    });
    expect(revised.status).toBe(201);

    const { page, context } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${id}`);
    const text = page.getByTestId("article-text");
    const innerMark = text.locator("mark.claim", { hasText: "2.5 per cent" });
    expect(await innerMark.getAttribute("data-claim-id")).toBe(inner.id);
    expect(await innerMark.getAttribute("class")).toContain("v-false");
    const outerStart = text.locator("mark.claim", { hasText: "spending rose to" });
    expect(await outerStart.getAttribute("data-claim-id")).toBe(outer.id);
    expect(await outerStart.getAttribute("class")).toContain("v-unverified");

    const panel = page.getByTestId("claim-panel");
    await innerMark.click();
    await page.waitForURL(new RegExp(`claim=${inner.id}`));
    await expect.poll(() => panel.getAttribute("data-claim-id")).toBe(inner.id);
    await outerStart.click();
    await page.waitForURL(new RegExp(`claim=${outer.id}`));
    await expect.poll(() => panel.getAttribute("data-claim-id")).toBe(outer.id);

    expect(await page.locator("#claims-title").innerText()).toBe("Claims (2)");
    expect(await page.getByTestId("claim-item").count()).toBe(2);
    expect(await page.locator("#orphans-title").innerText()).toBe("Orphaned claims (1)");
    await context.close();
  });
});
