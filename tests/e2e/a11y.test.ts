import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditPage, axInfoOf } from "./a11y-audit";
import { apiSession, DEMO, loginAs, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();

type Api = Awaited<ReturnType<typeof apiSession>>;

// Texts of our own (other files look for theirs by text in shared lists).
const TUNNEL = "The Millbrook tunnel cost £1.7bn";
const OPENED = "It carried its first trains in 2021";
const FARE = "The fare is £3 per trip";
const BODY = [
  `${TUNNEL}, three times the first estimate, the transport authority said on Tuesday.`,
  `${OPENED}, eighteen months late. Around 65,000 passengers use it every day.`,
  "“We’re proud that passenger numbers rose by 14% last year,” said the authority's chair, Maria Lopez.",
  `${FARE}, one of the highest in the region.`,
].join("\n\n");

async function claim(
  api: Api,
  articleId: string,
  exact: string,
  patch: Record<string, unknown> = {},
  source?: { url: string; title: string },
) {
  const created = await api(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact } });
  expect(created.status).toBe(201);
  let c = created.json.claim;
  if (Object.keys(patch).length > 0) {
    const patched = await api(`/api/claims/${c.id}`, { method: "PATCH", body: { version: c.version, ...patch } });
    expect(patched.status).toBe(200);
    c = patched.json.claim;
  }
  if (source) {
    const added = await api(`/api/claims/${c.id}/sources`, {
      method: "POST",
      body: { ...source, accessedAt: "2025-02-01", kind: "primary", claimVersion: c.version },
    });
    expect(added.status).toBe(201);
    c = added.json.claim;
  }
  return c as { id: string; version: number };
}

interface Fixture {
  articleId: string;
  tunnelId: string;
  openedId: string;
  fareId: string;
}

/** One article with claims in every state the pages show: verdicts, sources, in review, sent back, text changed. */
async function createFixture(): Promise<Fixture> {
  const editor = await apiSession(DEMO.editor);
  const reviewer = await apiSession(DEMO.reviewer);
  const created = await editor("/api/articles", {
    method: "POST",
    body: {
      title: `Tunnel accessibility ${Date.now()}`,
      body: BODY,
      publisher: "The Courier",
      author: "Sam Reporter",
      url: "https://example.org/tunnel",
      publishedAt: "2025-02-01",
    },
  });
  expect(created.status).toBe(201);
  const articleId = created.json.article.id as string;

  let tunnel = await claim(
    editor,
    articleId,
    TUNNEL,
    { verdict: "false", rationale: "Audited accounts give £1.1bn." },
    { url: "https://example.org/accounts", title: "Authority accounts 2024" },
  );
  let opened = await claim(
    editor,
    articleId,
    OPENED,
    { verdict: "verified", rationale: "Opening reported on 3 March 2021." },
    { url: "https://example.org/opening", title: "Tunnel opens" },
  );
  const fare = await claim(editor, articleId, FARE, { claimant: "Maria Lopez" });

  // In review (queue, review page), with a comment.
  opened = (await editor(`/api/claims/${opened.id}/submit`, { method: "POST", body: { version: opened.version } })).json.claim;
  expect(
    (await reviewer(`/api/claims/${opened.id}/comments`, { method: "POST", body: { body: "Which report? Please link it." } }))
      .status,
  ).toBe(201);

  // Sent back to the editor (the articles page lists it).
  tunnel = (await editor(`/api/claims/${tunnel.id}/submit`, { method: "POST", body: { version: tunnel.version } })).json.claim;
  const sentBack = await reviewer(`/api/claims/${tunnel.id}/review`, {
    method: "POST",
    body: { version: tunnel.version, decision: "request_changes", reason: "Say which accounts." },
  });
  expect(sentBack.status).toBe(200);

  // A correction that changes the fare's sentence: revision 2, the fare claim flagged.
  const revised = await editor(`/api/articles/${articleId}/revisions`, {
    method: "POST",
    body: { body: BODY.replace("£3 per trip", "£3.40 per trip") },
  });
  expect(revised.status).toBe(201);
  return { articleId, tunnelId: tunnel.id, openedId: opened.id, fareId: fare.id };
}

async function open(page: Page, path: string) {
  const res = await page.goto(path);
  await page.waitForLoadState("networkidle");
  return res;
}

describe("accessibility of every page", () => {
  let fx: Fixture;
  const sessions: Record<string, { context: BrowserContext; page: Page }> = {};

  beforeAll(async () => {
    fx = await createFixture();
    sessions.anonymous = await newUserPage(browser());
    sessions.editor = await loginAs(browser(), DEMO.editor);
    sessions.reviewer = await loginAs(browser(), DEMO.reviewer);
    sessions.admin = await loginAs(browser(), DEMO.admin);
  }, 90_000);

  afterAll(async () => {
    for (const s of Object.values(sessions)) await s.context.close();
  });

  const pages: [string, keyof typeof DEMO | "anonymous", () => string][] = [
    ["login", "anonymous", () => "/login"],
    ["articles list (with a claim sent back)", "editor", () => "/articles"],
    ["my work (editor: claims by state)", "editor", () => "/"],
    ["my work (reviewer: queue and assignments)", "reviewer", () => "/"],
    ["notifications (sent back, commented)", "editor", () => "/notifications"],
    ["new article", "editor", () => "/articles/new"],
    ["article desk: claim with sources selected, suggestions", "editor", () => `/articles/${fx.articleId}?claim=${fx.tunnelId}`],
    ["article desk: claim whose text changed", "editor", () => `/articles/${fx.articleId}?claim=${fx.fareId}`],
    ["article desk, read-only (reviewer)", "reviewer", () => `/articles/${fx.articleId}?claim=${fx.openedId}`],
    ["correct the text", "editor", () => `/articles/${fx.articleId}/revise`],
    ["an earlier revision", "editor", () => `/articles/${fx.articleId}/revisions/1`],
    ["review queue", "reviewer", () => "/queue"],
    ["review page", "reviewer", () => `/review/${fx.openedId}`],
    ["review page of a claim sent back (editor)", "editor", () => `/review/${fx.tunnelId}`],
    ["admin", "admin", () => "/admin"],
    ["dashboard", "reviewer", () => "/dashboard"],
    ["audit log", "admin", () => "/admin/audit"],
    ["audit log filtered by action and person", "admin", () => "/admin/audit?action=claim.&from=2020-01-01"],
    ["not allowed (editor on /admin)", "editor", () => "/admin"],
    ["not found (an article)", "editor", () => "/articles/00000000-0000-4000-8000-000000000000"],
    ["not found (no such page)", "anonymous", () => "/no-such-page"],
  ];

  it.each(pages)("%s (%s)", async (_title, role, path) => {
    const { page } = sessions[role]!;
    await open(page, path());
    expect((await auditPage(page)).join("\n")).toBe("");
  });

  it("forms with errors: messages are linked to their fields", async () => {
    const { page } = sessions.editor!;
    await open(page, "/articles/new");
    const form = page.getByRole("form", { name: "New article" });
    await form.getByLabel("Title").fill("No body");
    await form.getByLabel("Article URL").fill("ftp://example.org");
    await form.evaluate((f) => f.querySelector("input[name=url]")!.setAttribute("type", "text"));
    await form.getByRole("button", { name: "Import article" }).click();
    // (Scoped: Next's route announcer is a role=alert of its own.)
    await form.getByRole("alert").waitFor();
    expect(await form.getByLabel("Article text").getAttribute("aria-invalid")).toBe("true");
    expect((await auditPage(page)).join("\n")).toBe("");

    await open(page, `/articles/${fx.articleId}/revise`);
    const revise = page.getByRole("form", { name: "Correct the text" });
    await revise.getByLabel("Corrected text").fill("");
    await revise.getByRole("button", { name: "Save new revision" }).click();
    await revise.getByRole("alert").waitFor();
    expect(await revise.getByLabel("Corrected text").getAttribute("aria-invalid")).toBe("true");
    expect((await auditPage(page)).join("\n")).toBe("");

    await open(page, `/articles/${fx.articleId}?claim=${fx.fareId}`);
    const add = page.getByRole("form", { name: "Add a source" });
    await add.getByLabel("Source URL").fill("javascript:alert(1)");
    await add.getByLabel("Source title").fill("Bad");
    await add.evaluate((f) => f.querySelector("input[name=url]")!.setAttribute("type", "text"));
    await add.getByRole("button", { name: "Add source" }).click();
    await add.getByText(/must be a web address/).waitFor();
    expect((await auditPage(page)).join("\n")).toBe("");

    const { page: rp } = sessions.reviewer!;
    await open(rp, `/review/${fx.openedId}`);
    const decide = rp.getByRole("form", { name: "Decide on this claim" });
    await decide.getByRole("button", { name: "Request changes" }).click();
    await decide.getByRole("alert").waitFor();
    expect(await rp.getByLabel(/^Reason/).getAttribute("aria-invalid")).toBe("true");
    expect((await auditPage(rp)).join("\n")).toBe("");
  });

  it("the claim panel's hints are read as hints; a suggested quotation is not quoted twice", async () => {
    const { page } = sessions.editor!;
    await open(page, `/articles/${fx.articleId}?claim=${fx.fareId}`);
    const panel = '[data-testid="claim-panel"]';
    // When and where are folded: open the fold to read their hints too.
    await page.evaluate((sel) => document.querySelectorAll(`${sel} details`).forEach((d) => d.setAttribute("open", "")), panel);
    const fields = await axInfoOf(page, `${panel} input, ${panel} textarea, ${panel} select`);
    const byName = Object.fromEntries(fields.map((f) => [f.ax.name, f.ax.description]));
    expect(byName).toMatchObject({
      Claimant: "(who made the claim)",
      "Claim statement": expect.stringMatching(/^\(one short sentence; published as the claim reviewed\) \d+ characters$/),
      "Claim date": "(when it was made)",
      "Quoted passage": "(what supports the verdict)",
      "How we checked": "",
    });

    const suggestion = page.getByTestId("suggestion").filter({ hasText: "We’re proud" });
    const quote = await suggestion.locator(".quote").innerText();
    expect(quote).toBe("“We’re proud that passenger numbers rose by 14% last year”");
    expect(quote).not.toContain("““");
    expect(quote).not.toMatch(/””$/);
  });

  it("the audit notices what it should (checks can fail)", async () => {
    const { page } = sessions.editor!;
    await open(page, `/articles/${fx.articleId}?claim=${fx.tunnelId}`);
    await page.evaluate(() => {
      const main = document.querySelector("main")!;
      main.insertAdjacentHTML(
        "beforeend",
        `<button id="x-icon"><svg width="10" height="10"></svg></button>
         <label>Hint test <span class="hint">a hint</span><input id="x-hinted"></label>
         <input id="x-unlabelled" placeholder="placeholder only">
         <span class="verdict verdict-false"><span aria-hidden="true">✗</span></span>
         <mark class="claim v-verified">colour only</mark>
         <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="4" height="4">
         <h1>Second heading</h1>
         <p style="color:#aaa;background:#fff">faint text</p>`,
      );
      document.documentElement.removeAttribute("lang");
    });
    const problems = (await auditPage(page)).join("\n");
    expect(problems).toContain("<button#x-icon> (role button) has no accessible name");
    expect(problems).toMatch(/<input#x-hinted>: “a hint” is inside its <label>/);
    expect(problems).toMatch(/<input#x-unlabelled.*no programmatic label/);
    expect(problems).toMatch(/the verdict badge should read “False”/);
    expect(problems).toMatch(/the Verified highlight needs a visible icon/);
    expect(problems).toMatch(/<img.*has no alt attribute/);
    expect(problems).toContain("expected exactly one h1, found 2");
    expect(problems).toMatch(/“faint text”: text contrast 2\.\d+:1/);
    expect(problems).toContain("has no valid lang attribute");
  });
});

describe("keyboard", () => {
  it("Tab reaches Skip to content first, then Sign out; the skip link lands in main", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await open(page, "/articles");
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        return {
          text: (el?.innerText ?? "").trim(),
          tag: el?.tagName ?? "",
          inMain: Boolean(el?.closest("main")),
          onScreen: Boolean(r && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && r.width > 1),
        };
      });
    await page.keyboard.press("Tab");
    const first = await active();
    expect(first).toMatchObject({ text: "Skip to content", tag: "A", onScreen: true });

    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press("Tab");
      const a = await active();
      reached = a.tag === "BUTTON" && a.text === "Sign out";
      if (reached) expect(a.onScreen).toBe(true);
    }
    expect(reached).toBe(true);

    // Back to the top: the skip link moves the next Tab into the page's content.
    await open(page, "/articles");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect((await active()).inMain).toBe(true);
    await context.close();
  });

  it("marks a claim without a mouse: Tab to the text, Shift+ArrowRight ×5, M", async () => {
    const api = await apiSession(DEMO.editor);
    const body = "Rail fares rose 4.6% in March, the regulator said.\n\nIt was the largest rise since 2012.";
    const created = await api("/api/articles", { method: "POST", body: { title: `Keyboard marking ${Date.now()}`, body } });
    expect(created.status).toBe(201);
    const id = created.json.article.id as string;

    const { context, page } = await loginAs(browser(), DEMO.editor);
    await open(page, `/articles/${id}`);
    let focused = false;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "article-text");
    }
    expect(focused).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("Rail ");
    // The button says the same selection can be marked.
    expect(await page.getByRole("button", { name: "Mark selection as claim" }).isEnabled()).toBe(true);
    await page.keyboard.press("m");
    await page.waitForURL(/\?claim=/);
    // Told, not only shown: a status message says what was marked.
    await page.getByRole("status").filter({ hasText: "Marked “Rail” as a claim" }).waitFor();
    const claims = (await api(`/api/articles/${id}`)).json.article.claims as { exact: string }[];
    // (The desk trims the selection's surrounding space.)
    expect(claims.map((c) => c.exact)).toEqual(["Rail"]);
    await context.close();
  });
});
