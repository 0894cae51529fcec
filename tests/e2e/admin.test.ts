import { describe, expect, it } from "vitest";
import { auditPage } from "./a11y-audit";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe("the audit log page", () => {
  it("names people and claims, filters by action, person and date, folds the details, and links to the claim", async () => {
    const stamp = Date.now();
    const editor = await apiSession(DEMO.editor);
    const article = await editor("/api/articles", {
      method: "POST",
      body: {
        title: `Audit trail ${stamp}`,
        body: `Harbour fees rose by ${stamp % 97}% in ${2000 + (stamp % 25)}, the port said.`,
      },
    });
    expect(article.status).toBe(201);
    const exact = `Harbour fees rose by ${stamp % 97}%`;
    const claim = await editor(`/api/articles/${article.json.article.id}/claims`, { method: "POST", body: { exact } });
    expect(claim.status).toBe(201);
    const claimId: string = claim.json.claim.id;

    const { context, page } = await loginAs(browser(), DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL(/\/admin\/audit/);
    const rows = page.getByTestId("audit-row");
    const actionsOf = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")));
    const everything = await actionsOf();
    expect(new Set(everything).size).toBeGreaterThan(1);

    // By action: only claims marked are left.
    await page.getByLabel("Action").selectOption("claim.create");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=claim\.create/);
    const marked = await actionsOf();
    expect(marked.length).toBeGreaterThan(0);
    expect(new Set(marked)).toEqual(new Set(["claim.create"]));
    // Narrowed: the unfiltered page had other actions (both pages may be full when the desk is busy).
    expect(everything.some((action) => action !== "claim.create")).toBe(true);

    // And by person: the editor's own, each row naming them (not an id).
    const editorOption = await page
      .getByLabel("Person")
      .locator("option")
      .evaluateAll((os, email) => (os as HTMLOptionElement[]).find((o) => o.text.includes(email))!.value, DEMO.editor);
    await page.getByLabel("Person").selectOption(editorOption);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((u) => u.searchParams.get("actor") === editorOption && u.searchParams.get("action") === "claim.create");
    const editorName = (await page.getByLabel("Person").locator("option:checked").innerText()).split(" (")[0]!;
    const whoColumn = await rows.evaluateAll((trs) => trs.map((tr) => (tr.children[1] as HTMLElement).innerText));
    expect(whoColumn.every((w) => w === editorName)).toBe(true);

    // The row of our claim: the quote and the article by name; details folded until opened.
    const row = rows.filter({ hasText: exact });
    expect(await row.innerText()).toContain(`Audit trail ${stamp}`);
    expect(await row.innerText()).not.toContain(claimId);
    const details = row.locator("details");
    expect(await details.getAttribute("open")).toBeNull();
    expect(await details.locator("pre").isVisible()).toBe(false);
    await details.locator("summary").click();
    expect(await details.locator("pre").innerText()).toContain(exact);

    // A date range that holds nothing yet.
    await page.getByLabel("From").fill(tomorrow());
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((u) => u.searchParams.get("from") === tomorrow());
    await page.getByText("No events match these filters.").waitFor();
    expect(await rows.count()).toBe(0);
    await page.goBack();
    await row.waitFor();

    // The link leads to the claim on its article.
    await row.getByTestId("audit-claim-link").click();
    await page.waitForURL(
      (u) => u.pathname === `/articles/${article.json.article.id}` && u.searchParams.get("claim") === claimId,
    );
    await page.waitForFunction(
      (t) => document.querySelector("[data-testid=claim-panel] .quote")?.textContent?.includes(t),
      exact,
    );
    await context.close();
  });
});

describe("disabling a user", () => {
  it("asks first, as a destructive action: Cancel and Escape change nothing; “Yes, disable …” disables", async () => {
    const { context, page } = await loginAs(browser(), DEMO.admin);
    await page.goto("/admin");
    const email = `leaving-${Date.now()}@example.com`;
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Name").fill("Lee Leaving");
    await form.getByLabel("Initial password").fill("lee's first password");
    await form.getByRole("button", { name: "Create user" }).click();
    const row = page.locator(`tr[data-email="${email}"]`);
    await row.waitFor();
    const status = row.locator("td").nth(3);
    expect(await status.innerText()).toBe("Active");

    const disable = row.getByRole("button", { name: `Disable ${email}` });
    const colour = (el: Element) => {
      const s = getComputedStyle(el);
      return { color: s.color, background: s.backgroundColor, border: s.borderTopColor };
    };
    // Looks like what it is: the danger colour, not the accent of ordinary buttons.
    expect(await disable.evaluate(colour)).toMatchObject({ color: "rgb(179, 38, 30)", border: "rgb(179, 38, 30)" });

    // First step: a question, focus on the safe answer; nothing is sent.
    await disable.click();
    const ask = row.getByRole("group", { name: /Disable Lee Leaving\?/ });
    await ask.waitFor();
    const yes = ask.getByRole("button", { name: "Yes, disable Lee Leaving" });
    expect(await yes.evaluate(colour)).toMatchObject({ background: "rgb(179, 38, 30)", color: "rgb(255, 255, 255)" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    expect((await auditPage(page)).join("\n")).toBe("");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    expect(await status.innerText()).toBe("Active");

    await disable.click();
    await ask.waitFor();
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Disable "));
    await page.reload();
    expect(await status.innerText()).toBe("Active");

    // Second step: done.
    await disable.click();
    await row.getByRole("button", { name: "Yes, disable Lee Leaving" }).click();
    await row.locator("td", { hasText: "Disabled" }).waitFor();
    expect(await row.getByRole("button", { name: `Enable ${email}` }).isVisible()).toBe(true);
    await context.close();
  });
});
