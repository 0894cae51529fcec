import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { decodeUpload } from "../../lib/articles/read-upload";
import { updateArticle } from "../../lib/articles/update-article";
import { getArticle, getArticleRevision } from "../../lib/articles/read-articles";
import { listAuditEvents } from "../../lib/audit/list-audit";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateSource } from "../../lib/claims/update-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { searchDesk } from "../../lib/search/search-desk";
import { useTestDatabase } from "../support/db";
import { createActors, dbError } from "../support/fixtures";

/** Holes 2, 3 and 4 of the security probe (issue 14): odd URLs, NUL bytes and huge numbers. */
const db = useTestDatabase();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

/** Spellings the WHATWG parser accepts as http(s) but that do not start with `http(s)://`. */
const ODD_URLS: [string, string][] = [
  ["https:/\\evil.example", "https://evil.example/"],
  ["http:evil.example/x", "http://evil.example/x"],
  ["HTTPS:\\\\evil.example\\a", "https://evil.example/a"],
  ["  http:/evil.example  ", "http://evil.example/"],
];

describe("URLs are stored as the WHATWG parser normalises them", () => {
  it("source, article and appearance URLs", async () => {
    const { editor } = await createActors("url");
    for (const [given, stored] of ODD_URLS) {
      const a = await createArticle(editor, { title: `Odd ${given}`, body: SAMPLE, url: given });
      expect(a.url).toBe(stored);
      const c = await createClaim(editor, a.id, { exact: "2.3 per cent", appearanceUrl: given });
      expect(c.appearanceUrl).toBe(stored);
      const added = await addSource(editor, c.id, { url: "https://example.com/", title: "Odd", claimVersion: c.version });
      const edited0 = await updateSource(editor, c.id, added.source!.id, { url: given, claimVersion: added.claim.version });
      expect(edited0.source!.url).toBe(stored);
      const s = await addSource(editor, c.id, { url: given, title: "Odd", claimVersion: edited0.claim.version });
      expect(s.source!.url).toBe(stored);
      const updated = await updateClaim(editor, c.id, { version: s.claim.version, appearanceUrl: given });
      expect(updated.appearanceUrl).toBe(stored);
      const edited = await updateArticle(editor, a.id, { version: a.version, url: given });
      expect(edited.url).toBe(stored);
    }
  });

  it("a URL that grows past 2,048 characters when normalised is refused with a field error", async () => {
    const { editor } = await createActors("url-long");
    const a = await createArticle(editor, { title: "Long", body: SAMPLE });
    // Each space becomes %20: 2,000 characters given, over 2,048 stored.
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    const err = await refusal(
      updateClaim(editor, c.id, { version: c.version, appearanceUrl: `https://a.example/${" x".repeat(990)}` }),
    );
    expect(err.fields).toHaveProperty("appearanceUrl");
    const sourceErr = await refusal(
      addSource(editor, c.id, { url: `https://a.example/${" x".repeat(990)}`, title: "Long", claimVersion: c.version }),
    );
    expect(sourceErr.fields).toHaveProperty("url");
  });

  it("the database refuses an appearance URL that is not http(s)", async () => {
    const { editor } = await createActors("url-db");
    const a = await createArticle(editor, { title: "Db check", body: SAMPLE });
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    for (const bad of ["javascript:alert(1)", "http:evil.example/x", `https://a.example/${"x".repeat(2100)}`]) {
      const { code } = await dbError(db.handle().db.execute(sql`update claims set appearance_url = ${bad} where id = ${c.id}`));
      expect(code, bad).toBe("23514");
    }
    const { code } = await dbError(
      db.handle().db.execute(sql`update articles set url = ${"http:evil.example/x"} where id = ${a.id}`),
    );
    expect(code).toBe("23514");
  });
});

describe("NUL bytes and out-of-range numbers from query strings and paths", () => {
  it("are refused as 400/404/422, never a database error", async () => {
    const { editor, admin } = await createActors("nul");
    const a = await createArticle(editor, { title: "Nul", body: SAMPLE });
    const expectRefused = async (p: Promise<unknown>, codes: string[]) => {
      const err = await refusal(p);
      expect(codes).toContain(err.code);
    };
    const invalid = ["validation_failed", "bad_request"];
    await expectRefused(searchDesk(editor, { q: "\u0000" }), invalid);
    await expectRefused(searchDesk(editor, { q: "a\u0000b" }), invalid);
    await expectRefused(searchDesk(editor, { claimant: "\u0000" }), invalid);
    await expectRefused(getArticle(editor, "\u0000"), ["not_found"]);
    await expectRefused(getArticle(editor, "a\u0000"), ["not_found"]);
    await expectRefused(getArticleRevision(editor, a.id, 2147483648), ["not_found"]);
    await expectRefused(getArticleRevision(editor, a.id, -1), ["not_found"]);
    await expectRefused(getArticleRevision(editor, a.id, Number.MAX_SAFE_INTEGER + 2), ["not_found"]);
    await expectRefused(listAuditEvents(admin, { target: "\u0000" }), invalid);
    await expectRefused(listAuditEvents(admin, { before: "9223372036854775808" }), invalid);
    await expectRefused(listAuditEvents(admin, { before: "1e300" }), invalid);
    // And the ordinary values still work.
    expect((await getArticleRevision(editor, a.id, 1)).number).toBe(1);
    expect((await listAuditEvents(admin, { before: "9007199254740991" })).items.length).toBeGreaterThan(0);
  });
});

describe("deeply nested HTML or Markdown", () => {
  const N = 10_000;
  const nested: [string, string, "html" | "markdown"][] = [
    ["10,000 nested <div>s", `${"<div>".repeat(N)}x${"</div>".repeat(N)}`, "html"],
    ["10,000 unclosed <b>s", `${"<b>".repeat(N)}x`, "html"],
    ["10,000 > in Markdown", `${">".repeat(N)} x`, "markdown"],
    ["10,000 '> ' in Markdown", `${"> ".repeat(N)}x`, "markdown"],
    ["1,000 nested Markdown lists", Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i * 2)}- x`).join("\n"), "markdown"],
    ["10,000 * around a word", `${"*".repeat(N)}x${"*".repeat(N)}`, "markdown"],
    ["HTML nested inside Markdown", `<div>\n${"<div>".repeat(N)}x`, "markdown"],
  ];

  it("is refused with a 422 on the body field: pasted, as a revision, or uploaded", async () => {
    const { editor } = await createActors("deep");
    const a = await createArticle(editor, { title: "Deep", body: SAMPLE });
    for (const [label, body, format] of nested) {
      const pasted = await refusal(createArticle(editor, { title: label, body, format }));
      expect(pasted.code, label).toBe("validation_failed");
      expect(pasted.fields?.body, label).toMatch(/nested too deeply/);
      const revised = await refusal(createRevision(editor, a.id, { body, format }));
      expect(revised.fields?.body, label).toMatch(/nested too deeply/);
      const upload = decodeUpload(new TextEncoder().encode(body), format === "html" ? "deep.html" : "deep.md");
      const uploaded = await refusal(createArticle(editor, { title: label, ...upload }));
      expect(uploaded.fields?.body, label).toMatch(/nested too deeply/);
    }
  });

  it("ordinary nesting still imports", async () => {
    const { editor } = await createActors("deep-ok");
    const html = `${"<div>".repeat(60)}<p>Deep but fine.</p>${"</div>".repeat(60)}`;
    expect((await createArticle(editor, { title: "Fine html", body: html, format: "html" })).id).toBeTruthy();
    const md = ["> quoted", "> > twice", "", "- a", "  - b", "    - c", "", "**bold** and _em_", "", "*".repeat(80)].join("\n");
    expect((await createArticle(editor, { title: "Fine md", body: md, format: "markdown" })).id).toBeTruthy();
  });
});
