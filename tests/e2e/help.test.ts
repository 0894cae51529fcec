import { describe, expect, it } from "vitest";
import { ARTICLE_KEYS, keyLabel } from "@/app/components/keyboard-shortcuts";
import { auditPage } from "./a11y-audit";
import { apiSession, DEMO, hydrated, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

describe("help", () => {
  it("? opens the keyboard shortcuts of the article page, Escape closes them; a ? typed in a field stays there", async () => {
    const api = await apiSession(DEMO.editor);
    const created = await api("/api/articles", {
      method: "POST",
      body: { title: `Shortcuts ${Date.now()}`, body: "Bus fares rose by 4.9% this year, the council said." },
    });
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto(`/articles/${created.json.article.id}`);
    const text = page.getByTestId("article-text");
    await text.waitFor();
    await hydrated(page);
    const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(await sheet.isVisible()).toBe(false);

    // Typing into a field: the ? is text, no sheet.
    const search = page.getByRole("searchbox", { name: "Search claims, sources and articles" });
    await search.click();
    await page.keyboard.type("why?");
    expect(await search.inputValue()).toBe("why?");
    expect(await sheet.isVisible()).toBe(false);

    // From the article text: the sheet, with the article page's real keys.
    await text.focus();
    await page.keyboard.press("?");
    await sheet.waitFor();
    const listed = await sheet.innerText();
    expect(listed).toContain("Mark the selection as a claim");
    for (const key of [...ARTICLE_KEYS.mark, ...ARTICLE_KEYS.acceptSuggestion, ...ARTICLE_KEYS.dismissSuggestion]) {
      expect(await sheet.locator("kbd", { hasText: new RegExp(`^${keyLabel(key)}$`) }).count()).toBeGreaterThan(0);
    }
    expect(listed).toContain("Dismiss it for this article");
    expect(listed).toContain("Select text");
    expect((await auditPage(page)).join("\n")).toBe("");

    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    // Focus is back on the text, where the reader was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("article-text");

    // The keys it lists work: M marks a keyboard selection (Shift+arrows).
    await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 9; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press(keyLabel(ARTICLE_KEYS.mark[0]).toLowerCase());
    await page.waitForURL(/\?claim=/);

    // And on any desk page, from the page itself.
    await page.goto("/articles");
    await hydrated(page);
    await page.keyboard.press("?");
    await sheet.waitFor();
    await sheet.getByRole("button", { name: "Close" }).click();
    await sheet.waitFor({ state: "hidden" });
    // The demo desk is never empty, so no first-run hint here (the empty desk: tests/integration/first-run.test.ts).
    expect(await page.getByTestId("first-run-hint").count()).toBe(0);
    await context.close();
  });
});
