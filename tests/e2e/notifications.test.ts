import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

const VIEWPORT = { width: 1280, height: 800 };
const STATEMENT_TEXT = "The ferry carried 2.1 million passengers";

async function unreadCount(page: Page): Promise<number> {
  const badge = page.getByTestId("unread-count");
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.innerText()).replace("+", ""));
}

describe("notifications", () => {
  it("a send-back and an @mention reach the editors: unread count, the list, the claim", async () => {
    // ── An editor's claim in review (set up through the API as Ana).
    const ana = await apiSession(DEMO.editor);
    const body = `${STATEMENT_TEXT} last year, the operator said.\n\nTickets cost £4.`;
    const article = await ana("/api/articles", { method: "POST", body: { title: `Ferry ${Date.now()}`, body } });
    expect(article.status).toBe(201);
    const articleId = article.json.article.id as string;
    const created = await ana(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: STATEMENT_TEXT } });
    const claimId = created.json.claim.id as string;
    const statement = created.json.claim.statement as string;
    const patched = await ana(`/api/claims/${claimId}`, {
      method: "PATCH",
      body: { version: created.json.claim.version, verdict: "misleading", rationale: "The annual report says 1.8 million." },
    });
    expect(patched.status).toBe(200);
    const source = await ana(`/api/claims/${claimId}/sources`, {
      method: "POST",
      body: {
        url: "https://example.org/ferry-report",
        title: "Ferry annual report",
        kind: "primary",
        claimVersion: patched.json.claim.version,
      },
    });
    const submitted = await ana(`/api/claims/${claimId}/submit`, {
      method: "POST",
      body: { version: source.json.claim.version },
    });
    expect(submitted.status).toBe(200);

    // ── Ana and Ben sign in through the real login form before anything happens.
    const editor = await loginAs(browser(), DEMO.editor);
    await editor.page.setViewportSize(VIEWPORT);
    const ben = await loginAs(browser(), DEMO.editor2);
    await ben.page.setViewportSize(VIEWPORT);
    // Signing in lands on My work.
    expect(new URL(editor.page.url()).pathname).toBe("/");
    await editor.page.getByRole("heading", { name: "My work", level: 1 }).waitFor();
    const anaBefore = await unreadCount(editor.page);
    const benBefore = await unreadCount(ben.page);

    // ── The reviewer sends the claim back and mentions Ben in a comment, in the browser.
    const rita = await loginAs(browser(), DEMO.reviewer);
    await rita.page.setViewportSize(VIEWPORT);
    await rita.page.goto(`/review/${claimId}`);
    const reason = "The operator's own report gives 1.8 million: quote it.";
    await rita.page.getByLabel(/^Reason/).fill(reason);
    await rita.page.getByRole("button", { name: "Request changes" }).click();
    await rita.page.getByTestId("last-decision").filter({ hasText: "Changes requested by Rita Reviewer" }).waitFor();
    const comment = rita.page.getByRole("form", { name: "New comment" });
    await comment.getByLabel("Add a comment").fill("@Ben could you double-check the 2019 figure?");
    await comment.getByRole("button", { name: "Add comment" }).click();
    await rita.page.getByTestId("comment").filter({ hasText: "double-check the 2019 figure" }).waitFor();
    // The reviewer is not told about what they did themselves.
    expect((await rita.page.goto("/notifications"))?.status()).toBe(200);
    expect(await rita.page.getByTestId("notification").filter({ hasText: statement }).count()).toBe(0);

    // ── Ana: the header counts the send-back and the comment; the notification leads to the claim.
    await editor.page.goto("/");
    const anaNow = await unreadCount(editor.page);
    expect(anaNow).toBeGreaterThanOrEqual(Math.min(anaBefore + 2, 99));
    expect(await editor.page.getByTestId("notifications-link").getAttribute("aria-label")).toBe(
      `Notifications, ${anaNow} unread`,
    );
    // My work lists it as sent back.
    await editor.page.getByTestId("my-group-changes_requested").getByRole("link", { name: statement }).waitFor();

    await editor.page.getByTestId("notifications-link").click();
    await editor.page.waitForURL(/\/notifications$/);
    const sentBack = editor.page
      .locator('[data-testid=notification][data-kind="changes_requested"]')
      .filter({ hasText: statement });
    expect(await sentBack.getAttribute("data-read")).toBe("false");
    expect(await sentBack.innerText()).toContain(reason);
    await sentBack.getByRole("button", { name: "Rita Reviewer sent back your claim" }).click();
    await editor.page.waitForURL((url) => url.pathname === `/articles/${articleId}` && url.searchParams.get("claim") === claimId);
    await editor.page.getByTestId("claim-panel").waitFor();
    expect(await unreadCount(editor.page)).toBe(anaNow - 1);
    await editor.page.goto("/notifications");
    expect(
      await editor.page
        .locator('[data-testid=notification][data-kind="changes_requested"]')
        .filter({ hasText: statement })
        .getAttribute("data-read"),
    ).toBe("true");
    // The comment on her claim is there too, still unread, and can be marked read in place.
    const commented = editor.page.locator('[data-testid=notification][data-kind="commented"]').filter({ hasText: statement });
    await commented.getByRole("button", { name: "Mark as read" }).click();
    await editor.page
      .locator('[data-testid=notification][data-kind="commented"][data-read="true"]')
      .filter({ hasText: statement })
      .waitFor();
    expect(await unreadCount(editor.page)).toBe(anaNow - 2);

    // ── Ben was mentioned by his first name: told once, and the notification opens the claim.
    await ben.page.goto("/notifications");
    expect(await unreadCount(ben.page)).toBe(Math.min(benBefore + 1, 99));
    const mention = ben.page.locator('[data-testid=notification][data-kind="mentioned"]').filter({ hasText: statement });
    expect(await mention.innerText()).toContain("double-check the 2019 figure");
    await ben.page.getByRole("button", { name: "Mark all as read" }).click();
    await ben.page.getByRole("status").filter({ hasText: "All marked as read." }).waitFor();
    await ben.page.goto("/notifications");
    expect(await unreadCount(ben.page)).toBe(0);
    expect(await ben.page.getByTestId("notifications-link").getAttribute("aria-label")).toBe("Notifications, 0 unread");
    await ben.page
      .locator('[data-testid=notification][data-kind="mentioned"]')
      .filter({ hasText: statement })
      .getByRole("button", { name: "Rita Reviewer mentioned you in a comment" })
      .click();
    await ben.page.waitForURL((url) => url.pathname === `/articles/${articleId}` && url.searchParams.get("claim") === claimId);

    for (const s of [editor, ben, rita]) await s.context.close();
  });

  it("a reviewer's home shows the queue and what is assigned to them", async () => {
    const rita = await loginAs(browser(), DEMO.reviewer);
    await rita.page.setViewportSize(VIEWPORT);
    const review = rita.page.getByTestId("my-review");
    await review.waitFor();
    expect(await review.getByTestId("my-waiting").innerText()).toMatch(/^\d+ waiting in the queue$/);
    // Reviewers write no claims: no editor groups.
    expect(await rita.page.getByTestId("my-group-draft").count()).toBe(0);
    await rita.context.close();
  });
});
