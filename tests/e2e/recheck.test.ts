import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();
type Api = Awaited<ReturnType<typeof apiSession>>;

async function approvedClaim(editor: Api, reviewer: Api, articleId: string, exact: string, verdict: string) {
  const created = await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact } });
  expect(created.status).toBe(201);
  const id = created.json.claim.id as string;
  const patched = await editor(`/api/claims/${id}`, {
    method: "PATCH",
    body: { version: created.json.claim.version, verdict, rationale: "Checked against the source." },
  });
  const src = await editor(`/api/claims/${id}/sources`, {
    method: "POST",
    body: { url: "https://example.org/source", title: "Source", claimVersion: patched.json.claim.version },
  });
  const submitted = await editor(`/api/claims/${id}/submit`, { method: "POST", body: { version: src.json.claim.version } });
  expect(submitted.status).toBe(200);
  const approved = await reviewer(`/api/claims/${id}/review`, {
    method: "POST",
    body: { version: submitted.json.claim.version, decision: "approve" },
  });
  expect(approved.status).toBe(200);
  return approved.json.claim as { id: string; version: number; recheckBy: string };
}

describe("due for re-check", () => {
  it("the daily job fills the list; the header counts it; the list filters and links to the claim", async () => {
    const editor = await apiSession(DEMO.editor);
    const reviewer = await apiSession(DEMO.reviewer);
    const admin = await apiSession(DEMO.admin);
    const title = `Recheck ${Date.now()}`;
    const article = await editor("/api/articles", {
      method: "POST",
      body: { title, body: "The army sent 10,000 troops to the border.\n\nThe town hall opened in 1901." },
    });
    const articleId = article.json.article.id as string;
    const troops = await approvedClaim(editor, reviewer, articleId, "The army sent 10,000 troops to the border", "misleading");
    const hall = await approvedClaim(editor, reviewer, articleId, "The town hall opened in 1901", "verified");
    expect(troops.recheckBy < hall.recheckBy).toBe(true); // figures that move come due sooner

    // The editor brings both dates to today; an admin runs the daily job now (the worker takes it).
    const today = new Date().toISOString().slice(0, 10);
    for (const c of [troops, hall]) {
      const r = await editor(`/api/claims/${c.id}/recheck-date`, {
        method: "POST",
        body: { recheckBy: today, version: c.version },
      });
      expect(r.status).toBe(200);
    }
    expect((await admin("/api/jobs/run", { method: "POST", body: { name: "recheck-sweep" } })).status).toBe(202);
    let due: string[] = [];
    for (let i = 0; i < 60 && due.length < 2; i++) {
      const list = await editor(`/api/recheck?articleId=${articleId}`);
      due = (list.json.items as { id: string }[]).map((x) => x.id);
      if (due.length < 2) await new Promise((r) => setTimeout(r, 500)); // the worker polls every 2 s
    }
    expect(due.sort()).toEqual([troops.id, hall.id].sort());

    const { page } = await loginAs(browser(), DEMO.editor);
    await page.goto("/articles");
    const link = page.getByTestId("recheck-link");
    const count = Number((await link.getAttribute("aria-label"))!.match(/(\d+)$/)![1]);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("recheck-count").innerText()).toBe(String(count));
    await link.click();
    await page.waitForURL(/\/recheck/);
    await page.getByRole("heading", { name: "Due for re-check" }).waitFor();
    await page.getByRole("link", { name: title }).first().click();
    await page.waitForURL(/articleId=/);
    expect(await page.getByTestId("due-claim").count()).toBe(2);
    await page.getByRole("combobox", { name: "Verdict" }).selectOption("misleading");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/verdict=misleading/);
    const rows = page.getByTestId("due-claim");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain("troops");
    await rows.first().getByRole("link").first().click();
    await page.waitForURL(new RegExp(`/review/${troops.id}`));
    expect(await page.getByTestId("recheck-info").innerText()).toContain("Due for re-check");
  });
});
