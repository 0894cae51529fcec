import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();
type Api = Awaited<ReturnType<typeof apiSession>>;

/** An article with one claim on `exact` (and `statement`), ready and submitted for review. */
async function submittedClaim(editor: Api, body: string, exact: string, statement?: string) {
  const article = await editor("/api/articles", { method: "POST", body: { title: `Figures: ${exact}`, body } });
  expect(article.status).toBe(201);
  const articleId = article.json.article.id as string;
  let c = (
    await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact, ...(statement ? { statement } : {}) } })
  ).json.claim;
  c = (
    await editor(`/api/claims/${c.id}`, {
      method: "PATCH",
      body: { version: c.version, verdict: "verified", rationale: "Checked." },
    })
  ).json.claim;
  c = (
    await editor(`/api/claims/${c.id}/sources`, {
      method: "POST",
      body: { url: "https://www.ons.gov.uk/x", title: "ONS", accessedAt: "2025-02-01", kind: "primary", claimVersion: c.version },
    })
  ).json.claim;
  c = (await editor(`/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } })).json.claim;
  return { articleId, claim: c as { id: string; version: number } };
}

describe("figure warnings on the review page", () => {
  it("shows each warning with a link to the other claim, and approves only once the reviewer confirms them", async () => {
    const editor = await apiSession(DEMO.editor);
    const reviewer = await apiSession(DEMO.reviewer);
    // A town of letters only: digits in the text would be figures too. Unique per run, so the
    // lookup on (subject, unit) meets only this test's claims.
    const town = `Kestrel${String(Date.now()).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;
    // An approved claim elsewhere in the desk: £12m on pothole repairs.
    const earlier = await submittedClaim(
      editor,
      `The council spent £12m on pothole repairs in ${town} last year, officials said.`,
      `The council spent £12m on pothole repairs in ${town} last year`,
    );
    const ok = await reviewer(`/api/claims/${earlier.claim.id}/review`, {
      method: "POST",
      body: { version: earlier.claim.version, decision: "approve" },
    });
    expect(ok.status).toBe(200);
    // This claim: the text says £15m, the statement £14m.
    const { articleId, claim } = await submittedClaim(
      editor,
      `The council spent £15m on pothole repairs in ${town} last year, the mayor said.`,
      `The council spent £15m on pothole repairs in ${town} last year`,
      `The council spent £14m on pothole repairs in ${town} last year.`,
    );

    const rv = await loginAs(browser(), DEMO.reviewer);
    await rv.page.goto(`/review/${claim.id}`);
    const list = rv.page.getByTestId("figure-warnings");
    const items = list.getByTestId("figure-warning");
    expect(await items.count()).toBe(2);
    expect(await list.locator('[data-kind="statement"]').innerText()).toContain(
      "The statement says “£14m” but the marked text says “£15m”.",
    );
    const other = list.locator('[data-kind="other-claim"]');
    expect(await other.innerText()).toContain("Another approved claim on");
    expect(await other.innerText()).toContain("says “£12m”; this claim says “£15m”");
    expect(await other.getByTestId("figure-warning-link").getAttribute("href")).toBe(
      `/articles/${earlier.articleId}?claim=${earlier.claim.id}`,
    );

    // Approving without confirming is refused and changes nothing.
    const form = rv.page.getByRole("form", { name: "Decide on this claim" });
    await form.getByRole("button", { name: "Approve", exact: true }).click();
    await form.getByRole("alert").filter({ hasText: "Confirm that you checked these figure warnings" }).waitFor();
    expect((await reviewer(`/api/claims/${claim.id}`)).json.claim.status).toBe("in_review");

    await form.getByTestId("figure-warnings-confirm").getByRole("checkbox").check();
    await form.getByRole("button", { name: "Approve", exact: true }).click();
    await rv.page.getByTestId("last-decision").filter({ hasText: "Approved by" }).waitFor();
    expect((await reviewer(`/api/claims/${claim.id}`)).json.claim.status).toBe("approved");
    await rv.context.close();

    // The confirmation is in the audit log, with the warnings confirmed.
    const admin = await apiSession(DEMO.admin);
    const audit = await admin(`/api/audit?action=claim.figure_warnings_confirmed&target=${claim.id}`);
    expect(audit.status).toBe(200);
    expect(audit.json.items).toHaveLength(1);

    // The claim panel shows the figures it read.
    const ed = await loginAs(browser(), DEMO.editor);
    await ed.page.goto(`/articles/${articleId}?claim=${claim.id}`);
    const figures = ed.page.getByTestId("claim-figures").getByTestId("claim-figure");
    await figures.first().waitFor();
    expect(await figures.allInnerTexts()).toEqual([
      expect.stringContaining("£15m (marked text) → 15m GBP · pothole repairs in"),
      expect.stringContaining("£14m (statement) → 14m GBP"),
    ]);
    // The warnings are on the panel too.
    const onPanel = ed.page.getByTestId("claim-panel").getByTestId("figure-warning");
    await onPanel.first().waitFor();
    expect(await onPanel.count()).toBe(2);
    await ed.context.close();
  });
});
