import "../support/allow-loopback";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { previewArticleUrl } from "../../lib/articles/preview-article-url";
import { AppError } from "../../lib/errors";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";
import { startLocalServer } from "../support/local-server";

const page = fs.readFileSync(new URL("../fixtures/pages/news-article.html", import.meta.url), "utf8");

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("import by URL", () => {
  useTestDatabase();
  let a: Awaited<ReturnType<typeof createActors>>;
  let server: Awaited<ReturnType<typeof startLocalServer>>;

  beforeAll(async () => {
    a = await createActors("url");
    server = await startLocalServer({
      "/article": (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page),
      "/moved": (_req, res) => res.writeHead(301, { location: "/article" }).end(),
      "/to-private": (_req, res) => res.writeHead(302, { location: "http://192.168.1.1/router" }).end(),
      "/pdf": (_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7"),
      "/gone": (_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>"),
      "/deep": (_req, res) =>
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(`<body>${"<div>".repeat(10_000)}x${"</div>".repeat(10_000)}</body>`),
    });
  });
  afterAll(() => server.close());

  it("previews a page's article for confirmation, following a redirect, and the import stores what was confirmed", async () => {
    const preview = await previewArticleUrl(a.editor, { url: server.url("/moved") });
    expect(preview).toMatchObject({
      title: "UK defence spending to rise to 2.5% of GDP, Lammy says",
      publisher: "The Example Courier",
      author: "Priya Raman",
      publishedAt: "2025-06-24",
      url: "https://courier.example/news/uk-defence-spending",
      format: "text",
      fetchedUrl: server.url("/article"),
    });
    // Paragraphs kept as paragraphs, page furniture left out.
    expect(preview.body.split("\n\n").length).toBeGreaterThanOrEqual(3);
    expect(preview.body).not.toContain("Most read");

    const { fetchedUrl: _fetched, ...fields } = preview;
    const article = await createArticle(a.editor, { ...fields, publisher: "The Example Courier (corrected)" });
    expect(article).toMatchObject({ title: preview.title, publisher: "The Example Courier (corrected)", author: "Priya Raman" });
  });

  it("refuses private addresses (also after a redirect), non-pages, missing pages and pathological HTML with a field error", async () => {
    const cases: [string, RegExp][] = [
      [server.url("/to-private"), /not on the public internet/],
      [server.url("/pdf"), /not a web page/],
      [server.url("/gone"), /answered 404/],
      [server.url("/deep"), /nests its elements/],
      ["ftp://example.com/x", /http/],
    ];
    for (const [url, message] of cases) {
      const err = await refusal(previewArticleUrl(a.editor, { url }));
      expect(err.code).toBe("validation_failed");
      expect(err.fields?.url).toMatch(message);
    }
  });

  it("is for people who may import articles, and takes nothing but a URL", async () => {
    expect((await refusal(previewArticleUrl(a.reviewer, { url: server.url("/article") }))).code).toBe("forbidden");
    expect((await refusal(previewArticleUrl(null, { url: server.url("/article") }))).code).toBe("unauthorized");
    expect((await refusal(previewArticleUrl(a.editor, { url: server.url("/article"), body: "x" }))).code).toBe(
      "validation_failed",
    );
    expect(server.hits.filter((h) => h === "/article")).toHaveLength(1);
  });
});
