import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

describe("re-check controls", () => {
  it("the editor moves an approved claim's re-check date on the claim panel", async () => {
    const editor = await apiSession(DEMO.editor);
    const reviewer = await apiSession(DEMO.reviewer);
    const article = await editor("/api/articles", {
      method: "POST",
      body: { title: `Recheck control ${Date.now()}`, body: "The library opened in 1901, the council said." },
    });
    const articleId = article.json.article.id as string;
    let c = (await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: "The library opened in 1901" } }))
      .json.claim;
    c = (
      await editor(`/api/claims/${c.id}`, {
        method: "PATCH",
        body: { version: c.version, verdict: "verified", rationale: "Records." },
      })
    ).json.claim;
    c = (
      await editor(`/api/claims/${c.id}/sources`, {
        method: "POST",
        body: { url: "https://archive.example/library", title: "Archive", kind: "primary", claimVersion: c.version },
      })
    ).json.claim;
    c = (await editor(`/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } })).json.claim;
    const approved = await reviewer(`/api/claims/${c.id}/review`, {
      method: "POST",
      body: { version: c.version, decision: "approve" },
    });
    expect(approved.status).toBe(200);

    const { page, context } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${articleId}?claim=${c.id}`);
    const control = page.getByTestId("recheck-control");
    expect(await control.getByTestId("recheck-by").innerText()).toContain(`Re-check by ${approved.json.claim.recheckBy}`);
    // A date in the past is refused on the field (the server refuses it too: tests/integration/recheck.test.ts).
    await control.getByLabel("Re-check by").fill("2000-01-01");
    await control.getByRole("button", { name: "Change date" }).click();
    expect(await control.getByLabel("Re-check by").evaluate((el) => (el as HTMLInputElement).checkValidity())).toBe(false);
    expect((await editor(`/api/claims/${c.id}`)).json.claim.recheckBy).toBe(approved.json.claim.recheckBy);
    await control.getByLabel("Re-check by").fill("2099-03-31");
    await control.getByRole("button", { name: "Change date" }).click();
    await control.getByTestId("recheck-by").filter({ hasText: "Re-check by 2099-03-31" }).waitFor();
    const after = (await editor(`/api/claims/${c.id}`)).json.claim;
    expect(after).toMatchObject({ recheckBy: "2099-03-31", status: "approved", version: approved.json.claim.version });
    await context.close();
  });

  it("an admin sets the default re-check periods per kind of claim; others cannot", async () => {
    const admin = await apiSession(DEMO.admin);
    const { page, context } = await loginAs(browser(), DEMO.admin);
    await page.goto("/admin");
    const form = page.getByTestId("desk-settings");
    const moving = form.getByLabel("Claims with moving figures");
    const other = form.getByLabel("Other claims");
    const before = { moving: await moving.inputValue(), other: await other.inputValue() };
    await moving.fill("0");
    await form.getByRole("button", { name: "Save settings" }).click();
    expect(await moving.evaluate((el) => (el as HTMLInputElement).checkValidity())).toBe(false);
    await moving.fill("45");
    await other.fill("200");
    await form.getByRole("button", { name: "Save settings" }).click();
    await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    const audit = await admin("/api/audit?action=settings.update");
    expect(audit.json.items[0]).toMatchObject({ after: { recheckDays: 200, recheckMovingDays: 45 } });
    // Put the desk back as it was, for the other browser tests.
    await moving.fill(before.moving);
    await other.fill(before.other);
    await form.getByRole("button", { name: "Save settings" }).click();
    await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await context.close();

    const ed = await loginAs(browser(), DEMO.editor);
    await ed.page.goto("/admin");
    expect(await ed.page.getByTestId("desk-settings").count()).toBe(0);
    await ed.context.close();
  });
});
