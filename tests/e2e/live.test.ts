import net from "node:net";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiSession, BASE_URL, DEMO, hydrated, login, loginAs, selectWithMouse, useBrowser } from "./support";

const { browser } = useBrowser();

const EXPORTS = "Exports rose by 12 per cent last year";
const JOBS = "the factory employs 4,000 people";

/** Waits until the page's live-update stream is registered on the server (its `ready` event). */
async function live(page: Page): Promise<void> {
  await page.locator("[data-testid=live-updates][data-live=connected]").waitFor();
}

/**
 * A TCP relay in front of the app whose connections the test can cut, as a flaky network or a
 * restarting proxy would: `drop()` destroys every open connection (the page's event stream too)
 * and refuses new ones until `restore()`.
 */
async function cuttableRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        other.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    drop() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      this.drop();
      server.close();
    },
  };
}

describe("live updates between an editor and a reviewer on one article", () => {
  it("each sees the other's changes and presence without reloading; the claim panel warns of a change underneath", async () => {
    const editorApi = await apiSession(DEMO.editor);
    const editor2Api = await apiSession(DEMO.editor2);
    const created = await editorApi("/api/articles", {
      method: "POST",
      body: {
        title: `Live desk ${Date.now()}`,
        body: `${EXPORTS}, the minister said on Monday.\n\nThe company says ${JOBS} in the town.`,
      },
    });
    expect(created.status).toBe(201);
    const articleId = created.json.article.id as string;
    const first = await editorApi(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: EXPORTS } });
    expect(first.status).toBe(201);

    const editor = await loginAs(browser(), DEMO.editor);
    // The reviewer reaches the app through a relay whose connections the test cuts below.
    const relay = await cuttableRelay(new URL(BASE_URL));
    const reviewerContext = await browser().newContext({ baseURL: relay.base });
    const reviewer = { context: reviewerContext, page: await reviewerContext.newPage() };
    reviewer.page.setDefaultTimeout(15_000);
    await login(reviewer.page, DEMO.reviewer);
    await reviewer.page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await reviewer.page.goto(`/articles/${articleId}`);
    await hydrated(reviewer.page);
    await live(reviewer.page);
    await editor.page.goto(`/articles/${articleId}`);
    await hydrated(editor.page);
    await live(editor.page);
    // A full reload would lose this; a live refresh keeps it.
    await reviewer.page.evaluate(() => Object.assign(window, { __notReloaded: true }));

    // Presence, both ways.
    await editor.page.getByTestId("live-viewers").filter({ hasText: "Also open by Rita Reviewer" }).waitFor();
    await reviewer.page.getByTestId("live-viewers").filter({ hasText: "Also open by Ana Editor" }).waitFor();

    // The editor marks a claim in the browser: the reviewer's list shows it without a reload.
    const reviewerClaims = reviewer.page.getByTestId("claim-item");
    expect(await reviewerClaims.count()).toBe(1);
    await selectWithMouse(editor.page, JOBS);
    await editor.page.getByRole("button", { name: "Mark selection as claim" }).click();
    await editor.page.waitForURL(/\?claim=/);
    const claimId = new URL(editor.page.url()).searchParams.get("claim")!;
    await reviewerClaims.filter({ hasText: "4,000" }).waitFor();
    await reviewer.page.getByTestId("live-message").filter({ hasText: "Claim marked (Ana Editor)" }).waitFor();

    // The editor starts an edit; another editor changes the same claim meanwhile.
    const panel = editor.page.getByTestId("claim-panel");
    await panel.getByLabel("How we checked").fill("Company filings list 3,100 employees.");
    const current = await editor2Api(`/api/claims/${claimId}`);
    const changed = await editor2Api(`/api/claims/${claimId}`, {
      method: "PATCH",
      body: { version: current.json.claim.version, verdict: "false" },
    });
    expect(changed.status).toBe(200);

    // Before saving, the panel says so; the reviewer sees the new verdict in the list.
    const warning = editor.page.getByTestId("claim-changed-underneath");
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`now version ${changed.json.claim.version}`);
    await expect(panel.getByLabel("How we checked").inputValue()).resolves.toBe("Company filings list 3,100 employees.");
    await editor.page.getByTestId("live-message").filter({ hasText: "Claim edited" }).waitFor();
    await reviewerClaims.filter({ hasText: "4,000" }).locator(".verdict-false").waitFor();

    // Saving still meets the 409 and shows both versions.
    await panel.getByRole("button", { name: "Save claim" }).click();
    await panel.getByRole("button", { name: "Save mine over theirs" }).waitFor();
    expect(await warning.count()).toBe(0);

    // A dropped connection: a change made meanwhile is not replayed, but the page refetches on reconnecting.
    relay.drop();
    await reviewer.page.locator("[data-testid=live-updates][data-live=reconnecting]").waitFor();
    const firstNow = await editorApi(`/api/claims/${first.json.claim.id}`);
    const whileAway = await editorApi(`/api/claims/${first.json.claim.id}`, {
      method: "PATCH",
      body: { version: firstNow.json.claim.version, verdict: "misleading" },
    });
    expect(whileAway.status).toBe(200);
    relay.restore();
    await live(reviewer.page);
    await reviewerClaims.filter({ hasNotText: "4,000" }).locator(".verdict-misleading").waitFor();
    expect(await reviewer.page.evaluate(() => (window as { __notReloaded?: boolean }).__notReloaded)).toBe(true);

    // The reviewer leaves: the editor's page no longer lists them.
    await reviewer.context.close();
    await editor.page.getByTestId("live-viewers").filter({ hasText: "Nobody else has this article open" }).waitFor();

    // Signing out in another tab ends the stream at once: the page stops following the article.
    const otherTab = await editor.context.newPage();
    await otherTab.goto("/articles");
    await otherTab.getByRole("button", { name: "Sign out" }).click();
    await otherTab.waitForURL("**/login**");
    await editor.page.locator("[data-testid=live-updates][data-live=stopped]").waitFor();
    expect(await editor.page.getByTestId("live-message").innerText()).toContain("Live updates stopped");
    await editor.context.close();
    relay.close();
  });
});
