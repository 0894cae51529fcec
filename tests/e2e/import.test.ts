import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { descriptionOf } from "./a11y-audit";
import { apiSession, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

type Api = Awaited<ReturnType<typeof apiSession>>;

const ARTICLE_URL = /\/articles\/[0-9a-f-]{36}$/;

async function paragraphs(page: Page): Promise<string[]> {
  await page.getByTestId("article-text").waitFor();
  return page.getByTestId("article-text").locator("p").allInnerTexts();
}

async function openForm(page: Page, title: string) {
  await page.goto("/articles/new");
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("form", { name: "New article" });
  await form.getByLabel("Title").fill(title);
  return form;
}

describe("importing articles through the New article form", () => {
  let api: Api;
  let session: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    api = await apiSession(DEMO.editor);
    session = await loginAs(browser(), DEMO.editor);
  });
  afterAll(async () => {
    await session.context.close();
  });

  it("pasted plain text becomes the article, one paragraph per blank-line block", async () => {
    const { page } = session;
    await page.goto("/articles");
    await page.getByRole("link", { name: "New article" }).click();
    await page.waitForURL("**/articles/new");
    const form = page.getByRole("form", { name: "New article" });
    const title = `Pasted ${Date.now()}`;
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Publisher").fill("The Courier");
    await form
      .getByLabel("Article text")
      .fill("Bus fares rose 4% in April, the council said.\n\nThe last rise was in 2022.\nIt was smaller.");
    await form.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(ARTICLE_URL);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(title);
    expect(await paragraphs(page)).toEqual([
      "Bus fares rose 4% in April, the council said.",
      "The last rise was in 2022.\nIt was smaller.",
    ]);
  });

  it("an uploaded .html file: entities decoded, inline tags flattened, scripts and styles dropped", async () => {
    const { page } = session;
    const form = await openForm(page, `HTML upload ${Date.now()}`);
    const html = [
      "<!doctype html><html><head><title>Page title, not article text</title>",
      "<script>window.__imported = 1; document.title = 'scripted'</script><style>p { color: red }</style></head><body>",
      "<h1>Fish &amp; chips cost more</h1>",
      "<p>Prices rose by <em>4.5 per cent</em> in <strong>May, <a href='https://example.org'>says the <b>ONS</b></a></strong> &mdash; the fastest &ldquo;since 2019&rdquo;.</p>",
      "<script>document.write('written by a script')</script>",
      "<p>Shops&#8217; margins: 3 &lt; 5.</p>",
      "</body></html>",
    ].join("\n");
    await form
      .getByLabel("…or upload a file")
      .setInputFiles({ name: "story.html", mimeType: "text/html", buffer: Buffer.from(html) });
    await form.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(ARTICLE_URL);
    const expected = [
      "Fish & chips cost more",
      "Prices rose by 4.5 per cent in May, says the ONS — the fastest “since 2019”.",
      "Shops’ margins: 3 < 5.",
    ];
    expect(await paragraphs(page)).toEqual(expected);
    const shown = await page.locator("main").innerText();
    expect(shown).not.toContain("window.__imported");
    expect(shown).not.toContain("written by a script");
    expect(shown).not.toContain("Page title, not article text");
    expect(await page.evaluate(() => (window as unknown as { __imported?: number }).__imported)).toBeUndefined();
    expect(await page.getByTestId("article-text").locator("script, style, a, b, em, strong").count()).toBe(0);
    const id = page.url().split("/").pop()!;
    const stored = (await api(`/api/articles/${id}`)).json.article.body as string;
    expect(stored).toBe(expected.join("\n\n"));
  });

  it("an uploaded .md file: headings and list items become paragraphs of plain text", async () => {
    const { page } = session;
    const form = await openForm(page, `Markdown upload ${Date.now()}`);
    const md =
      "# Rail fares rise\n\nFares rose by **4.6%** in March, the [regulator](https://example.org) said.\n\n- Off-peak tickets: up 3%\n- Season tickets: up *5%*\n\n## Reaction\n\nPassengers were not happy.\n";
    await form
      .getByLabel("…or upload a file")
      .setInputFiles({ name: "fares.md", mimeType: "text/markdown", buffer: Buffer.from(md) });
    await form.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(ARTICLE_URL);
    expect(await paragraphs(page)).toEqual([
      "Rail fares rise",
      "Fares rose by 4.6% in March, the regulator said.",
      "Off-peak tickets: up 3%",
      "Season tickets: up 5%",
      "Reaction",
      "Passengers were not happy.",
    ]);
  });

  it("refuses an empty body, a binary file, a PDF, a script-only page and a file over 2 MB at the field, keeping the form, creating nothing", async () => {
    const { page } = session;
    const before = (await api("/api/articles?limit=200")).json.articles.length as number;
    const title = `Refused ${Date.now()}`;
    const form = await openForm(page, title);
    const file = form.getByLabel("…or upload a file");
    const submit = () => form.getByRole("button", { name: "Import article" }).click();

    /** The message is shown, and it is the field's accessible description, with the field marked invalid. */
    const expectFieldError = async (field: "body" | "file", message: string) => {
      const control = form.locator(field === "body" ? "textarea[name=body]" : "input[name=file]");
      await form.locator(".field-error").filter({ hasText: message }).waitFor();
      expect(await control.getAttribute("aria-invalid")).toBe("true");
      expect(
        await descriptionOf(
          page,
          `form[aria-label="New article"] ${field === "body" ? "textarea[name=body]" : "input[name=file]"}`,
        ),
      ).toContain(message);
      expect(await form.getByRole("alert").innerText()).not.toBe("");
      // Still on the form, with what the user typed.
      expect(page.url()).toMatch(/\/articles\/new$/);
      expect(await form.getByLabel("Title").inputValue()).toBe(title);
    };

    // 1. Nothing pasted, no file.
    await submit();
    await expectFieldError("body", "The article text is empty.");

    // 2. Binary bytes in a file named .txt.
    await file.setInputFiles({
      name: "x.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xc3, 0x28]),
    });
    await submit();
    await expectFieldError("file", "The file is not UTF-8 text (is it a binary file?).");
    // The file stays picked: the user sees which file was refused.
    expect(await file.evaluate((el: HTMLInputElement) => el.files?.[0]?.name)).toBe("x.txt");

    // 3. A PDF.
    await file.setInputFiles({
      name: "report.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
    });
    await submit();
    await expectFieldError("file", "Upload a .txt, .md or .html file.");

    // 4. A page with no readable text: said at the file field, not under the unused text box.
    await file.setInputFiles({
      name: "empty.html",
      mimeType: "text/html",
      buffer: Buffer.from("<html><body><script>var x = 1;</script></body></html>"),
    });
    await submit();
    await expectFieldError("file", "The article text is empty.");
    expect(await form.locator("textarea[name=body]").getAttribute("aria-invalid")).toBeNull();

    // 5. Over 2 MB.
    await file.setInputFiles({ name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(2 * 1024 * 1024 + 1, "a") });
    await submit();
    await expectFieldError("file", "The file is larger than 2 MB.");

    expect((await api("/api/articles?limit=200")).json.articles.length).toBe(before);
    expect(((await api("/api/articles?limit=200")).json.articles as { title: string }[]).some((a) => a.title === title)).toBe(
      false,
    );
  });

  it("corrects the text by uploading a file on “Correct the text”", async () => {
    const { page } = session;
    const created = await api("/api/articles", {
      method: "POST",
      body: { title: `Correct by upload ${Date.now()}`, body: "Water bills rose 9% this year.\n\nThe regulator approved it." },
    });
    expect(created.status).toBe(201);
    const id = created.json.article.id as string;
    const claim = await api(`/api/articles/${id}/claims`, { method: "POST", body: { exact: "Water bills rose 9% this year" } });
    expect(claim.status).toBe(201);

    await page.goto(`/articles/${id}`);
    await page.getByRole("link", { name: "Correct the text" }).click();
    const form = page.getByRole("form", { name: "Correct the text" });
    await form.getByLabel("…or upload a file").setInputFiles({
      name: "corrected.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(
        "Water bills rose **8%** this year.\n\nThe regulator approved it.\n\n*Correction: an earlier version said 9%.*\n",
      ),
    });
    await form.getByRole("button", { name: "Save new revision" }).click();
    await page.getByText("Saved as revision 2.").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Saved as revision 2." }).innerText()).toContain("Text changed");
    await page.getByRole("link", { name: "Back to the article" }).click();
    await page.waitForURL(ARTICLE_URL);
    const shown = await paragraphs(page);
    // (The claim's verdict tag follows its text.)
    expect(shown[0]).toMatch(/^Water bills rose 8% this year/);
    expect(shown[0]).not.toContain("9%");
    expect(shown.slice(1)).toEqual(["The regulator approved it.", "Correction: an earlier version said 9%."]);
    expect((await api(`/api/articles/${id}`)).json.article.revision).toBe(2);

    // A refused file on the correction form: said at the field, and the text box keeps its text.
    await page.goto(`/articles/${id}/revise`);
    const again = page.getByRole("form", { name: "Correct the text" });
    const text = await again.getByLabel("Corrected text").inputValue();
    await again
      .getByLabel("…or upload a file")
      .setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
    await again.getByRole("button", { name: "Save new revision" }).click();
    await again.locator(".field-error").filter({ hasText: "Upload a .txt, .md or .html file." }).waitFor();
    expect(await again.getByLabel("…or upload a file").getAttribute("aria-invalid")).toBe("true");
    expect(await again.getByLabel("Corrected text").inputValue()).toBe(text);
    expect((await api(`/api/articles/${id}`)).json.article.revision).toBe(2);
  });
});
