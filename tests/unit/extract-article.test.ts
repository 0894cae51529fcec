import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_HTML_DEPTH, UnreadablePageError, extractArticle, htmlDepth } from "@/lib/articles/extract-article";

const page = fs.readFileSync(new URL("../fixtures/pages/news-article.html", import.meta.url), "utf8");

describe("extractArticle (import by URL)", () => {
  it("finds the article text and the page's metadata, leaving navigation, asides and scripts out", () => {
    const a = extractArticle(page, "https://courier.example/news/uk-defence-spending?utm=x");
    expect(a.title).toBe("UK defence spending to rise to 2.5% of GDP, Lammy says");
    expect(a.publisher).toBe("The Example Courier");
    expect(a.author).toBe("Priya Raman");
    expect(a.publishedAt).toBe("2025-06-24");
    expect(a.url).toBe("https://courier.example/news/uk-defence-spending");
    expect(a.text).toContain("In the United Kingdom, we are at 2.3 per cent");
    expect(a.text).toContain("£3.4bn");
    for (const chrome of ["Most read", "Politics", "tracking", "©"]) expect(a.text).not.toContain(chrome);
    expect(a.html).not.toMatch(/<script/i);
  });

  it("falls back to plain meta tags and <title> when there is no Open Graph or JSON-LD", () => {
    const html = `<html><head><title>Council budget</title><meta name="author" content="A. Writer"><meta name="date" content="2024-03-01"></head>
      <body><article><p>${"The council will spend £12m on new homes by 2029, the leader said. ".repeat(8)}</p></article></body></html>`;
    const a = extractArticle(html, "https://local.example/budget");
    expect(a).toMatchObject({
      title: "Council budget",
      author: "A. Writer",
      publishedAt: "2024-03-01",
      url: "https://local.example/budget",
    });
  });

  it("refuses a page nested deeper than the limit quickly instead of overflowing the stack", () => {
    const deep = `<html><body>${"<div>".repeat(10_000)}text${"</div>".repeat(10_000)}</body></html>`;
    expect(htmlDepth(deep, MAX_HTML_DEPTH)).toBeGreaterThan(MAX_HTML_DEPTH);
    const started = Date.now();
    expect(() => extractArticle(deep, "https://x.example/")).toThrow(UnreadablePageError);
    expect(Date.now() - started).toBeLessThan(5_000); // a guard against a runaway walk, not a speed target
    expect(htmlDepth(page)).toBeLessThan(20);
  });

  it("says so when a page has no article text", () => {
    expect(() => extractArticle("<html><body><nav><a href='/'>Home</a></nav></body></html>", "https://x.example/")).toThrow(
      /No article text/,
    );
  });
});
