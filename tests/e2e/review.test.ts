import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

type Api = Awaited<ReturnType<typeof apiSession>>;

const BRIDGE = "The Riverside bridge cost £3.4bn";
const OPENED = "It opened to traffic in 2019";
const CROSSINGS = "40,000 people cross it every day";
const TOLL = "The toll is £2 per car";

/** An article of our own, so that no other test file's claims are in the way. */
async function createArticle(api: Api) {
  const title = `Bridge review ${Date.now()}`;
  const body = [
    `${BRIDGE}, twice the original budget, the council said on Monday.`,
    `${OPENED}, two years late.`,
    `The council says ${CROSSINGS}. ${TOLL}, one of the highest in the country.`,
  ].join("\n\n");
  const res = await api("/api/articles", { method: "POST", body: { title, body } });
  expect(res.status).toBe(201);
  return { id: res.json.article.id as string, title };
}

async function createClaim(
  api: Api,
  articleId: string,
  exact: string,
  opts: { verdict: string; rationale: string; source?: { url: string; title: string; quote?: string } },
) {
  const created = await api(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact } });
  expect(created.status).toBe(201);
  const id = created.json.claim.id as string;
  const patched = await api(`/api/claims/${id}`, {
    method: "PATCH",
    body: { version: created.json.claim.version, verdict: opts.verdict, rationale: opts.rationale },
  });
  expect(patched.status).toBe(200);
  if (opts.source) {
    const src = await api(`/api/claims/${id}/sources`, {
      method: "POST",
      body: {
        url: opts.source.url,
        title: opts.source.title,
        quote: opts.source.quote,
        accessedAt: "2025-01-15",
        kind: "primary",
        claimVersion: patched.json.claim.version,
      },
    });
    expect(src.status).toBe(201);
  }
  return id;
}

async function submitFromPanel(page: Page, articleId: string, claimId: string) {
  await page.goto(`/articles/${articleId}?claim=${claimId}`);
  const workflow = page.getByTestId("workflow");
  await workflow.getByRole("button", { name: /^(Re)?[Ss]ubmit for review$/ }).click();
  await workflow.getByRole("status").filter({ hasText: "Submitted for review." }).waitFor();
  await workflow.getByTestId("workflow-status").filter({ hasText: "In review" }).waitFor();
}

describe("review workflow", () => {
  it("submit → queue → approve one, send the other back → fix, resubmit → approve; four-eyes; missing pieces named before submit", async () => {
    const api = await apiSession(DEMO.editor);
    const article = await createArticle(api);
    const bridge = await createClaim(api, article.id, BRIDGE, {
      verdict: "misleading",
      rationale: "The £3.4bn includes the approach roads; the bridge alone cost £2.1bn.",
      source: {
        url: "https://example.org/council-accounts-2024",
        title: "Council accounts 2024",
        quote: "Bridge structure: £2.1bn",
      },
    });
    const opened = await createClaim(api, article.id, OPENED, {
      verdict: "verified",
      rationale: "Opening ceremony reported on 3 May 2019.",
      source: { url: "https://example.org/opening-2019", title: "Bridge opens to traffic" },
    });
    const crossings = await createClaim(api, article.id, CROSSINGS, {
      verdict: "unproven",
      rationale: "No traffic count published.",
    });

    // ── The editor: what is missing is said before trying; then both complete claims go to review.
    const ana = await loginAs(browser(), DEMO.editor);
    await ana.page.goto(`/articles/${article.id}?claim=${crossings}`);
    const missing = ana.page.getByTestId("submit-missing");
    await missing.waitFor();
    expect(await missing.innerText()).toBe("Before submitting: add at least one source.");
    expect(await ana.page.getByTestId("workflow").getByRole("button", { name: "Submit for review" }).isDisabled()).toBe(true);

    await submitFromPanel(ana.page, article.id, bridge);
    await submitFromPanel(ana.page, article.id, opened);
    expect((await api(`/api/claims/${opened}`)).json.claim).toMatchObject({ status: "in_review" });

    // ── The reviewer: the header counts what waits; the queue lists both, oldest first.
    const rita = await loginAs(browser(), DEMO.reviewer);
    await rita.page.goto("/queue");
    const queueLink = rita.page.getByRole("link", { name: /^Review queue, \d+ waiting/ });
    const waiting = Number((await queueLink.getAttribute("aria-label"))!.match(/(\d+) waiting/)![1]);
    expect(waiting).toBeGreaterThanOrEqual(2);
    expect(await rita.page.getByTestId("queue-count").innerText()).toBe(String(waiting));

    await rita.page.getByRole("combobox", { name: /^Article/ }).selectOption({ label: article.title });
    await rita.page.getByRole("button", { name: "Filter" }).click();
    await rita.page.waitForURL(/article=/);
    const rows = rita.page.getByTestId("queue-item");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute("data-claim-id")).toBe(bridge);
    expect(await rows.nth(1).getAttribute("data-claim-id")).toBe(opened);
    const firstRow = await rows.nth(0).innerText();
    expect(firstRow).toContain("Misleading");
    expect(firstRow).toContain("Ana Editor");
    expect(firstRow).toMatch(/under 1 min|\d+ min/);
    // A filter with no match shows the empty state.
    await rita.page.goto(`/queue?article=${article.id}&verdict=false`);
    await rita.page.getByTestId("queue-empty").waitFor();
    await rita.page.goto(`/queue?article=${article.id}`);

    // Approve the bridge claim from its review page.
    await rita.page.getByRole("link", { name: BRIDGE }).click();
    await rita.page.waitForURL(`**/review/${bridge}`);
    expect(await rita.page.getByTestId("claim-context").locator("mark").innerText()).toBe(BRIDGE);
    expect(await rita.page.getByTestId("claim-context").innerText()).toContain("twice the original budget");
    expect(await rita.page.getByTestId("verdict-meaning").innerText()).toContain("gives a false impression");
    expect(await rita.page.getByTestId("rationale").innerText()).toContain("approach roads");
    const sourceLink = rita.page.getByRole("link", { name: "Council accounts 2024" });
    expect(await sourceLink.getAttribute("target")).toBe("_blank");
    expect(await sourceLink.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await rita.page.getByTestId("source").innerText()).toContain("Bridge structure: £2.1bn");

    await rita.page.getByRole("button", { name: "Assign to me" }).click();
    await rita.page.getByTestId("assignee").filter({ hasText: "You" }).waitFor();
    await rita.page.getByLabel("Add a comment").fill("Checked the accounts myself: agreed.");
    await rita.page.getByRole("button", { name: "Add comment" }).click();
    const comment = rita.page.getByTestId("comment").filter({ hasText: "Checked the accounts myself" });
    await comment.waitFor();
    expect(await comment.innerText()).toContain("Rita Reviewer");
    await comment.getByRole("button", { name: "Edit comment" }).click();
    await rita.page.getByLabel("Edit your comment").fill("Checked the council accounts myself: agreed.");
    await rita.page.getByRole("button", { name: "Save comment" }).click();
    await rita.page
      .getByTestId("comment")
      .filter({ hasText: "Checked the council accounts myself" })
      .filter({ hasText: "edited" })
      .waitFor();

    await rita.page.getByRole("button", { name: "Approve", exact: true }).click();
    await rita.page.getByTestId("last-decision").filter({ hasText: "Approved by Rita Reviewer" }).waitFor();
    const history = await rita.page.getByTestId("history").innerText();
    expect(history).toContain("Ana Editor submitted the claim for review");
    expect(history).toContain("Rita Reviewer approved the claim");

    // Request changes on the other: without a reason the server refuses, and the form says why.
    await rita.page.goto(`/review/${opened}`);
    await rita.page.getByRole("button", { name: "Request changes" }).click();
    await rita.page.getByText("Say what needs to change.").waitFor();
    expect((await api(`/api/claims/${opened}`)).json.claim.status).toBe("in_review");
    const reason = "Cite the council's own press release for the opening date.";
    await rita.page.getByLabel(/^Reason/).fill(reason);
    await rita.page.getByRole("button", { name: "Request changes" }).click();
    await rita.page.getByTestId("last-decision").filter({ hasText: "Changes requested by Rita Reviewer" }).waitFor();

    // ── The editor sees the reason on the articles page and in the panel, fixes and resubmits.
    await ana.page.goto("/articles");
    const sentBack = ana.page.getByTestId("sent-back-item").filter({ hasText: OPENED });
    await sentBack.waitFor();
    expect(await sentBack.innerText()).toContain(reason);
    expect(await sentBack.innerText()).toContain("Rita Reviewer");
    await sentBack.getByRole("link", { name: OPENED }).click();
    await ana.page.waitForURL(new RegExp(`claim=${opened}`));
    const panel = ana.page.getByTestId("claim-panel");
    expect(await panel.getByTestId("status-reason").innerText()).toContain(reason);
    await panel.getByLabel("How we checked").fill("Council press release of 3 May 2019 confirms the opening date.");
    // Unsaved text is not what the reviewer would see: resubmitting waits for the save.
    await panel.getByTestId("submit-missing").filter({ hasText: "Save your changes first" }).waitFor();
    expect(await panel.getByRole("button", { name: "Resubmit for review" }).isDisabled()).toBe(true);
    await panel.getByRole("button", { name: "Save claim" }).click();
    await panel.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await panel.getByRole("button", { name: "Resubmit for review" }).click();
    await panel.getByRole("status").filter({ hasText: "Submitted for review." }).waitFor();
    await panel.getByTestId("workflow-status").filter({ hasText: "In review" }).waitFor();
    // The reviewer's request has been answered: it no longer shows.
    expect(await panel.getByTestId("status-reason").count()).toBe(0);

    // ── The reviewer approves the fixed claim.
    await rita.page.goto(`/review/${opened}`);
    expect(await rita.page.getByTestId("rationale").innerText()).toContain("press release of 3 May 2019");
    await rita.page.getByRole("button", { name: "Approve", exact: true }).click();
    await rita.page.getByTestId("last-decision").filter({ hasText: "Approved by Rita Reviewer" }).waitFor();
    expect((await api(`/api/claims/${opened}`)).json.claim.status).toBe("approved");
    expect((await api(`/api/claims/${bridge}`)).json.claim.status).toBe("approved");
    await rita.page.goto(`/queue?article=${article.id}`);
    await rita.page.getByTestId("queue-empty").waitFor();

    // ── Four eyes: the admin edits a claim's verdict and submits it; no Approve for them, API 403.
    const toll = await createClaim(api, article.id, TOLL, {
      verdict: "verified",
      rationale: "Toll schedule on the operator's website.",
      source: { url: "https://example.org/tolls", title: "Toll schedule" },
    });
    const adam = await loginAs(browser(), DEMO.admin);
    await adam.page.goto(`/articles/${article.id}?claim=${toll}`);
    const adminPanel = adam.page.getByTestId("claim-panel");
    await adminPanel.getByRole("radio", { name: /^Needs context/ }).check();
    await adminPanel.getByRole("button", { name: "Save claim" }).click();
    await adminPanel.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await adminPanel.getByRole("button", { name: "Submit for review" }).click();
    await adminPanel.getByRole("status").filter({ hasText: "Submitted for review." }).waitFor();
    await adminPanel.getByRole("link", { name: /review page|Review this claim/ }).click();
    await adam.page.waitForURL(`**/review/${toll}`);
    await adam.page.getByTestId("four-eyes").waitFor();
    expect(await adam.page.getByTestId("four-eyes").innerText()).toContain("another reviewer must approve it");
    expect(await adam.page.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    expect(await adam.page.getByRole("button", { name: "Request changes" }).count()).toBe(1);

    const adminApi = await apiSession(DEMO.admin);
    const current = (await adminApi(`/api/claims/${toll}`)).json.claim;
    expect(current).toMatchObject({ status: "in_review", verdict: "needs_context" });
    const refused = await adminApi(`/api/claims/${toll}/review`, {
      method: "POST",
      body: { version: current.version, decision: "approve" },
    });
    expect(refused.status).toBe(403);
    expect((await adminApi(`/api/claims/${toll}`)).json.claim.status).toBe("in_review");
    // The reviewer, who did not touch it, still can.
    const reviewerApi = await apiSession(DEMO.reviewer);
    const approved = await reviewerApi(`/api/claims/${toll}/review`, {
      method: "POST",
      body: { version: current.version, decision: "approve" },
    });
    expect(approved.status).toBe(200);

    await ana.context.close();
    await rita.context.close();
    await adam.context.close();
  });
});
