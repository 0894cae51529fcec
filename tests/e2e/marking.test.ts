import { describe, expect, it } from "vitest";
import { apiSession, DEMO, loginAs, selectWithMouse, useBrowser } from "./support";

const { browser } = useBrowser();

describe("marking claims in the sample article", () => {
  it("marks by mouse and from a suggestion, adds verdicts and sources, follows a correction, survives a reload", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto("/articles");
    await page.getByRole("link", { name: /David Lammy urges European Nato members/ }).click();
    await page.getByTestId("article-text").waitFor();
    const articleUrl = page.url().split("?")[0]!;

    // 1. Select "2.3 per cent" with the mouse and mark it.
    await selectWithMouse(page, "2.3 per cent");
    await page.getByRole("button", { name: "Mark selection as claim" }).click();
    await page.waitForURL(/\?claim=/);
    const panel = page.getByTestId("claim-panel");
    await expect(panel.locator(".quote").first().innerText()).resolves.toContain("2.3 per cent");
    await panel
      .getByLabel(/^Claimant/)
      .first()
      .fill("David Lammy");
    await panel.getByRole("radio", { name: /^Verified/ }).check();
    await panel.getByLabel("How we checked").fill("NATO's 2024 estimates put UK defence spending at 2.33% of GDP.");
    await panel.getByRole("button", { name: "Save claim" }).click();
    await panel.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    const addSource = panel.getByRole("form", { name: "Add a source" });
    await addSource.getByLabel("Source URL").fill("https://www.nato.int/defence-expenditures-2024");
    await addSource.getByLabel("Source title").fill("Defence Expenditure of NATO Countries (2014-2024)");
    await addSource.getByLabel("Quoted passage").fill("United Kingdom: 2.33");
    await addSource.getByRole("button", { name: "Add source" }).click();
    await panel.getByTestId("source").filter({ hasText: "Defence Expenditure of NATO Countries" }).waitFor();
    const link = panel.getByRole("link", { name: "Defence Expenditure of NATO Countries (2014-2024)" });
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");

    // A bad URL is refused with a field message.
    await addSource.getByLabel("Source URL").fill("javascript:alert(1)");
    await addSource.getByLabel("Source title").fill("Bad");
    await addSource.evaluate((f) => f.querySelector<HTMLInputElement>("input[name=url]")!.setAttribute("type", "text"));
    await addSource.getByRole("button", { name: "Add source" }).click();
    await addSource.getByText(/must be a web address starting with http/).waitFor();

    // 2. Accept the suggested 10,000 troops claim and mark it Disputed.
    await page
      .getByTestId("suggestion")
      .filter({ hasText: "10,000 North Korea troops" })
      .getByRole("button", { name: "Mark as claim" })
      .click();
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=claim-panel] .quote")?.textContent?.includes("10,000 North Korea troops"),
    );
    const panel2 = page.getByTestId("claim-panel");
    await panel2.getByRole("radio", { name: /^Disputed/ }).check();
    await panel2.getByLabel("How we checked").fill("US and South Korean intelligence estimates differ (10,000–12,000).");
    await panel2.getByRole("button", { name: "Save claim" }).click();
    await panel2.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    const add2 = panel2.getByRole("form", { name: "Add a source" });
    await add2.getByLabel("Source URL").fill("https://www.reuters.com/world/north-korean-troops");
    await add2.getByLabel("Source title").fill("North Korean troops in Russia");
    await add2.getByRole("button", { name: "Add source" }).click();
    await panel2.getByTestId("source").filter({ hasText: "North Korean troops in Russia" }).waitFor();

    // Both claims are highlighted, each with its verdict in text (not colour alone).
    const marks = page.locator("mark.claim");
    expect(await marks.count()).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId("article-text").innerText()).resolves.toMatch(/claim: Verified/);

    // 3. Paste a correction: 10,000 → 12,000.
    await page.getByRole("link", { name: "Correct the text" }).click();
    const textarea = page.getByLabel("Corrected text");
    const body = await textarea.inputValue();
    await textarea.fill(body.replace("10,000 North Korea troops", "12,000 North Korea troops"));
    await page.getByRole("button", { name: "Save new revision" }).click();
    await page.getByText("Saved as revision 2.").waitFor();
    expect(await page.getByRole("status").innerText()).toContain("Text changed");
    await page.getByRole("link", { name: "Back to the article" }).click();

    // 4. Reload: everything is still there, and the changed claim is flagged with old and new text.
    await page.goto(articleUrl);
    await page.reload();
    const items = page.getByTestId("claim-item");
    await items.first().waitFor();
    const listText = await page.locator(".claim-list").first().innerText();
    expect(listText).toContain("Verified");
    expect(listText).toContain("Disputed");
    expect(listText).toContain("Text changed");
    await items.filter({ hasText: "Text changed" }).getByRole("link").click();
    await page.waitForURL(/\?claim=/);
    const sideBySide = page.getByLabel("Old and new text");
    await expect(sideBySide.innerText()).resolves.toMatch(/10,000 North Korea troops[\s\S]*12,000 North Korea troops/);
    await page.getByTestId("source").filter({ hasText: "North Korean troops in Russia" }).waitFor();
    await context.close();
  });

  it("marks a claim from the keyboard (Shift+arrows, then M)", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor2);
    await page.goto("/articles");
    await page.getByRole("link", { name: /David Lammy urges European Nato members/ }).click();
    const text = page.getByTestId("article-text");
    await text.focus();
    // The first words of the article: "David Lammy"
    for (let i = 0; i < "David Lammy".length; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("m");
    await page.waitForURL(/\?claim=/);
    await expect(page.getByTestId("claim-panel").locator(".quote").first().innerText()).resolves.toBe("“David Lammy”");
    await context.close();
  });
});

describe("concurrent edits", () => {
  it("a stale save shows the other editor's version and keeps what the user typed", async () => {
    const api = await apiSession(DEMO.editor);
    const created = await api("/api/articles", {
      method: "POST",
      body: { title: `Conflict ${Date.now()}`, body: "The bridge cost £3.4bn, twice the original budget.\n\nIt opened in 2019." },
    });
    expect(created.status).toBe(201);
    const claim = await api(`/api/articles/${created.json.article.id}/claims`, {
      method: "POST",
      body: { exact: "The bridge cost £3.4bn" },
    });
    expect(claim.status).toBe(201);
    const url = `/articles/${created.json.article.id}?claim=${claim.json.claim.id}`;

    const ana = await loginAs(browser(), DEMO.editor);
    const ben = await loginAs(browser(), DEMO.editor2);
    await ana.page.goto(url);
    await ben.page.goto(url);
    const anaPanel = ana.page.getByTestId("claim-panel");
    const benPanel = ben.page.getByTestId("claim-panel");

    // Ana is typing when Ben saves: her panel has unsaved edits, so the live update that reaches
    // her page warns instead of replacing them, and her save is the stale one. (Had she not begun,
    // the live update would load Ben's version into her panel and there would be no conflict.)
    await anaPanel.getByRole("radio", { name: /^Misleading/ }).check();
    await anaPanel.getByLabel("How we checked").fill("Ana: includes the approach roads.");

    await benPanel.getByRole("radio", { name: /^False/ }).check();
    await benPanel.getByLabel("How we checked").fill("Ben: the audited cost was £2.1bn.");
    await benPanel.getByRole("button", { name: "Save claim" }).click();
    await benPanel.getByRole("status").filter({ hasText: "Saved" }).waitFor();

    await anaPanel.getByRole("button", { name: "Save claim" }).click();
    const conflict = ana.page.getByTestId("conflict");
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toMatch(/Someone else changed this claim/);
    expect(text).toContain("Ben: the audited cost was £2.1bn.");
    expect(text).toContain("False");
    // Nothing Ana typed is lost.
    expect(await anaPanel.getByLabel("How we checked").inputValue()).toBe("Ana: includes the approach roads.");
    expect(await anaPanel.getByRole("radio", { name: /^Misleading/ }).isChecked()).toBe(true);
    // Server still has Ben's version.
    expect((await api(`/api/claims/${claim.json.claim.id}`)).json.claim).toMatchObject({ verdict: "false", version: 2 });
    // Ana knowingly saves hers over theirs.
    await conflict.getByRole("button", { name: "Save mine over theirs" }).click();
    await anaPanel.getByRole("status").filter({ hasText: "Saved (version 3)" }).waitFor();
    expect((await api(`/api/claims/${claim.json.claim.id}`)).json.claim).toMatchObject({
      verdict: "misleading",
      rationale: "Ana: includes the approach roads.",
      version: 3,
    });
    await ana.context.close();
    await ben.context.close();
  });
});
