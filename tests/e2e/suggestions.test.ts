import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, selectWithMouse, useBrowser } from "./support";

const { browser } = useBrowser();

// Our own article, so that no other test file's marking changes what is suggested here.
const BODY = [
  "Harbour council approves ferry plan",
  "Councillor Ada Price, the council’s finance lead, said the new ferry would cost £14.5m, up from £11m in the first plan.",
  "The council said in a statement that 2,300 people crossed the estuary every day in 2025.",
  "Ms Price told reporters that fares had risen by 9 per cent since 2022.",
].join("\n\n");

describe("suggestions on the article page", () => {
  it("accepts a highlighted suggestion with one click, dismisses another with one key, marks by hand inside a third", async () => {
    const api = await apiSession(DEMO.editor);
    const created = await api("/api/articles", { method: "POST", body: { title: "Ferry plan suggestions", body: BODY } });
    expect(created.status).toBe(201);
    const articleId: string = created.json.article.id;
    const listed = (await api(`/api/articles/${articleId}/suggestions`)).json.suggestions as { exact: string }[];
    expect(listed.map((s) => s.exact)).toEqual(
      expect.arrayContaining([
        "the new ferry would cost £14.5m",
        "up from £11m in the first plan",
        "2,300 people crossed the estuary every day in 2025",
        "fares had risen by 9 per cent since 2022",
      ]),
    );

    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${articleId}`);
    const text = page.getByTestId("article-text");
    await text.waitFor();
    // Suggestions are tight highlights of their own kind, not marked claims.
    const cost = text.locator("mark.suggestion", { hasText: "the new ferry would cost £14.5m" });
    expect(await cost.innerText()).toBe("the new ferry would cost £14.5m");
    expect(await text.locator("mark.claim").count()).toBe(0);

    // 1. One click accepts: the claim has the clause, its claimant and the proposed statement.
    await cost.click();
    await page.waitForURL(/\?claim=/);
    const panel = page.getByTestId("claim-panel");
    await expect(panel.locator(".quote").first().innerText()).resolves.toContain("the new ferry would cost £14.5m");
    await expect(
      panel
        .getByLabel(/^Claimant/)
        .first()
        .inputValue(),
    ).resolves.toBe("Ada Price");
    await expect(panel.getByLabel("Claim statement").inputValue()).resolves.toBe("The new ferry would cost £14.5m");
    await text.locator("mark.claim", { hasText: "the new ferry would cost £14.5m" }).waitFor();
    expect(await text.locator("mark.suggestion", { hasText: "£14.5m" }).count()).toBe(0);

    // 2. One key dismisses: focus the highlight, press D; it is gone, also after a reload.
    const crossings = text.locator("mark.suggestion", { hasText: "2,300 people" });
    await crossings.focus();
    await page.keyboard.press("d");
    await crossings.waitFor({ state: "detached" });
    await page.reload();
    await text.waitFor();
    expect(await text.locator("mark.suggestion", { hasText: "2,300 people" }).count()).toBe(0);
    expect(
      (await api(`/api/articles/${articleId}/suggestions`)).json.suggestions.map((s: { exact: string }) => s.exact),
    ).not.toContain("2,300 people crossed the estuary every day in 2025");

    // 3. Marking part of a suggested clause by hand keeps the suggestion's claimant and its context,
    // the proposed statement of the whole clause.
    const before = page.url();
    await selectWithMouse(page, "9 per cent");
    await page.getByRole("button", { name: "Mark selection as claim" }).click();
    await page.waitForURL((url) => url.href !== before && url.search.includes("claim="));
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=claim-panel] .quote")?.textContent?.includes("9 per cent"),
    );
    await expect(
      panel
        .getByLabel(/^Claimant/)
        .first()
        .inputValue(),
    ).resolves.toBe("Ada Price");
    await expect(panel.getByLabel("Claim statement").inputValue()).resolves.toBe("Fares had risen by 9% since 2022");
    await context.close();
  });

  it("a mouse drag over exactly a suggested clause, part of it or across its edge marks exactly the selected text", async () => {
    const api = await apiSession(DEMO.editor);
    const created = await api("/api/articles", { method: "POST", body: { title: "Ferry plan drags", body: BODY } });
    const articleId: string = created.json.article.id;
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${articleId}`);
    const text = page.getByTestId("article-text");
    await text.waitFor();
    const claimTexts = async () =>
      ((await api(`/api/articles/${articleId}`)).json.article.claims as { exact: string }[]).map((c) => c.exact).sort();
    const markBy = async (how: "adder" | "button", selected: string) => {
      const before = page.url();
      await selectWithMouse(page, selected);
      const adder = page.getByTestId("mark-adder");
      const button = page.getByRole("button", { name: "Mark selection as claim" });
      await adder.waitFor();
      expect(await adder.isEnabled()).toBe(true);
      expect(await button.isEnabled()).toBe(true);
      await (how === "adder" ? adder : button).click();
      await page.waitForURL((url) => url.href !== before && url.search.includes("claim="));
      await text.locator("mark.claim", { hasText: selected }).first().waitFor();
    };

    // Exactly the clause, from its first letter to its last: before the fix the drag selected
    // nothing (focus went to the clause) and the release accepted the clause instead.
    await markBy("adder", "up from £11m in the first plan");
    // From the clause's first letter to inside it; and from before the clause into it.
    await markBy("button", "fares had risen");
    await markBy("button", "the council’s finance lead, said the new ferry");
    expect(await claimTexts()).toEqual(
      ["fares had risen", "the council’s finance lead, said the new ferry", "up from £11m in the first plan"].sort(),
    );
    // Marked from the whole clause: its claimant and proposed statement came along.
    const panel = page.getByTestId("claim-panel");
    await text.locator("mark.claim", { hasText: "up from £11m" }).click();
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=claim-panel] .quote")?.textContent?.includes("up from £11m"),
    );
    await expect(
      panel
        .getByLabel(/^Claimant/)
        .first()
        .inputValue(),
    ).resolves.toBe("Ada Price");

    // A plain click on a suggestion still accepts it, and so does A on a focused one.
    const crossings = text.locator("mark.suggestion", { hasText: "2,300 people" });
    await crossings.focus();
    await page.keyboard.press("a");
    await text.locator("mark.claim", { hasText: "2,300 people crossed the estuary every day in 2025" }).waitFor();
    expect(await claimTexts()).toContain("2,300 people crossed the estuary every day in 2025");
    await context.close();
  });
});
