import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, selectWithMouse, useBrowser } from "./support";

const { browser } = useBrowser();

type Api = Awaited<ReturnType<typeof apiSession>>;

/** Verdict, note and source on a claim, then submitted; returns the submitted version. */
async function complete(api: Api, claimId: string, verdict: string, rationale: string): Promise<number> {
  const current = (await api(`/api/claims/${claimId}`)).json.claim;
  const edited = await api(`/api/claims/${claimId}`, { method: "PATCH", body: { version: current.version, verdict, rationale } });
  expect(edited.status).toBe(200);
  const source = await api(`/api/claims/${claimId}/sources`, {
    method: "POST",
    body: {
      url: "https://www.nato.int/defence-expenditures",
      title: "NATO defence expenditure",
      claimVersion: edited.json.claim.version,
    },
  });
  expect(source.status).toBe(201);
  const submitted = await api(`/api/claims/${claimId}/submit`, { method: "POST", body: { version: source.json.claim.version } });
  expect(submitted.status).toBe(200);
  return submitted.json.claim.version;
}

describe("claim matching", () => {
  it("marking “we are at 2.3 per cent” shows the earlier approved claim; confirming links them; a different verdict warns", async () => {
    const stamp = Date.now();
    const editor = await apiSession(DEMO.editor);
    const editor2 = await apiSession(DEMO.editor2);
    const reviewer = await apiSession(DEMO.reviewer);

    // The first article's claim, approved as Verified.
    const first = await editor("/api/articles", {
      method: "POST",
      body: { title: `Defence review ${stamp}`, body: "UK defence spending is 2.3% of GDP, Keir Starmer said on Monday." },
    });
    const firstClaim = await editor(`/api/articles/${first.json.article.id}/claims`, {
      method: "POST",
      body: { exact: "UK defence spending is 2.3% of GDP", claimant: "Keir Starmer" },
    });
    const firstId = firstClaim.json.claim.id;
    const firstVersion = await complete(editor, firstId, "verified", "NATO's estimate for 2024 is 2.33%.");
    expect(
      (await reviewer(`/api/claims/${firstId}/review`, { method: "POST", body: { version: firstVersion, decision: "approve" } }))
        .status,
    ).toBe(200);

    // A second article quotes it another way.
    const second = await editor2("/api/articles", {
      method: "POST",
      body: { title: `Interview ${stamp}`, body: "“We are at 2.3 per cent and rising,” the prime minister told the BBC." },
    });
    const secondArticle = second.json.article.id;

    const { context, page } = await loginAs(browser(), DEMO.editor2);
    await page.goto(`/articles/${secondArticle}`);
    await page.getByTestId("article-text").waitFor();
    await selectWithMouse(page, "We are at 2.3 per cent");
    await page.getByRole("button", { name: "Mark selection as claim" }).click();
    await page.waitForURL(/\?claim=/);
    const secondId = new URL(page.url()).searchParams.get("claim")!;
    const panel = page.getByTestId("claim-panel");
    const match = panel.getByTestId("claim-match").filter({ hasText: "UK defence spending is 2.3% of GDP" });
    await match.waitFor();
    const text = await match.innerText();
    expect(text).toMatch(/Possible match|Same claim/);
    expect(text).toContain("Verified");
    expect(text).toContain(`Defence review ${stamp}`);
    expect(text).toContain("approved by");
    expect(text).toContain("shares the figure 2.3 %");

    // Confirming links them; the group's verdict history appears.
    await match.getByRole("button", { name: "Confirm: same claim" }).click();
    await match.getByText("Confirmed: linked to this claim.").waitFor();
    const history = panel.getByTestId("group-history");
    await history.waitFor();
    expect(await history.innerText()).toContain("Verified");
    await context.close();

    // The second claim gets another verdict and goes to review: the reviewer is warned.
    const secondVersion = await complete(editor2, secondId, "false", "The MoD's own figure is 2.1%.");
    const rita = await loginAs(browser(), DEMO.reviewer);
    await rita.page.goto(`/review/${secondId}`);
    const warning = rita.page.getByTestId("verdict-difference");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("Verified");
    await rita.page.getByRole("button", { name: "Approve", exact: true }).click();
    await rita.page.getByRole("alert").filter({ hasText: "Confirm that the verdict should differ" }).waitFor();
    expect((await reviewer(`/api/claims/${secondId}`)).json.claim.status).toBe("in_review");
    await warning.getByRole("checkbox").check();
    await rita.page.getByRole("button", { name: "Approve", exact: true }).click();
    await rita.page.getByTestId("last-decision").waitFor();
    expect((await reviewer(`/api/claims/${secondId}`)).json.claim).toMatchObject({
      status: "approved",
      verdict: "false",
      version: secondVersion + 1,
    });
    await rita.context.close();

    // The confirmation is in the audit log.
    const admin = await apiSession(DEMO.admin);
    const audit = await admin(`/api/audit?action=claim.verdict_difference_confirmed&target=${secondId}`);
    expect(audit.status).toBe(200);
    expect(audit.json.items).toHaveLength(1);
    const matches = await reviewer(`/api/claims/${secondId}/matches`);
    expect(matches.json.group.history.map((h: { verdict: string }) => h.verdict)).toEqual(["false", "verified"]);
  });
});
