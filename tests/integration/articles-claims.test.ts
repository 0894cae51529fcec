import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { listDeskSuggestions, listSuggestions } from "../../lib/articles/list-suggestions";
import { dismissSuggestion } from "../../lib/articles/dismiss-suggestion";
import {
  getArticle,
  getArticleForDesk,
  getArticleRevision,
  getArticleText,
  listArticles,
} from "../../lib/articles/read-articles";
import { decodeUpload } from "../../lib/articles/read-upload";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { removeSource } from "../../lib/claims/remove-source";
import { updateSource } from "../../lib/claims/update-source";
import { reattachClaim } from "../../lib/claims/reattach-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

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

async function counts() {
  const h = db.handle().db;
  const [row] = await h
    .execute<{ a: number; c: number; s: number; r: number }>(
      sql`select (select count(*)::int from articles) a, (select count(*)::int from claims) c, (select count(*)::int from sources) s, (select count(*)::int from article_revisions) r`,
    )
    .then(
      (r) =>
        ("rows" in (r as object) ? (r as unknown as { rows: unknown[] }).rows : (r as unknown as unknown[])) as {
          a: number;
          c: number;
          s: number;
          r: number;
        }[],
    );
  return row!;
}

describe("articles", () => {
  it("imports text, markdown and html as canonical text with a first revision", async () => {
    const { editor } = await createActors("imp");
    const text = await createArticle(editor, {
      title: "Sample",
      body: SAMPLE,
      publisher: "The Independent",
      publishedAt: "2024-12-04",
      url: "https://example.com/a",
    });
    expect(text.slug).toBe("sample");
    expect(text.revision).toBe(1);
    const md = await createArticle(editor, {
      title: "Sample",
      body: "# Heading\n\nSome **bold** claim: 4.5% rose.\n\n- item one\n- item two",
      format: "markdown",
    });
    expect(md.slug).toBe("sample-2");
    const mdFull = await getArticle(editor, md.id);
    expect(mdFull.body).toBe("Heading\n\nSome bold claim: 4.5% rose.\n\nitem one\n\nitem two");
    const html = await createArticle(editor, {
      title: "Html",
      body: "<p>One &amp; two<script>alert(1)</script></p><p>Second <b>para</b></p>",
      format: "html",
    });
    expect((await getArticle(editor, html.id)).body).toBe("One & two\n\nSecond para");
  });

  it("refuses empty, binary and oversized input with a field error and creates nothing", async () => {
    const { editor } = await createActors("bad");
    const before = await counts();
    expect((await refusal(createArticle(editor, { title: "Empty", body: "" }))).fields).toHaveProperty("body");
    expect((await refusal(createArticle(editor, { title: "Blank", body: "   \n\n  " }))).fields).toHaveProperty("body");
    expect((await refusal(createArticle(editor, { title: "Big", body: "a".repeat(2 * 1024 * 1024 + 1) }))).fields!.body).toMatch(
      /2 MB/,
    );
    expect((await refusal(createArticle(editor, { title: "", body: "x" }))).fields).toHaveProperty("title");
    expect((await refusal(createArticle(editor, { title: "T", body: "x", url: "javascript:alert(1)" }))).fields).toHaveProperty(
      "url",
    );
    expect((await refusal(createArticle(editor, { title: "T", body: "x", publishedAt: "2024-02-30" }))).fields).toHaveProperty(
      "publishedAt",
    );
    expect((await refusal(createArticle(editor, { title: "T", body: "x", status: "approved" } as never))).fields).toHaveProperty(
      "status",
    );
    expect(() => decodeUpload(new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x02]), "a.txt")).toThrow(/UTF-8|binary/);
    expect(() => decodeUpload(new Uint8Array(2 * 1024 * 1024 + 1), "a.txt")).toThrow(/2 MB/);
    expect(() => decodeUpload(new TextEncoder().encode("hi"), "a.pdf")).toThrow(/\.txt/);
    expect(decodeUpload(new TextEncoder().encode("\uFEFFhello"), "a.md")).toEqual({ body: "hello", format: "markdown" });
    expect(await counts()).toEqual(before);
  });

  it("reviewers read articles but cannot write; anonymous users get 401", async () => {
    const { editor, reviewer } = await createActors("roles");
    const a = await createArticle(editor, { title: "Roles", body: SAMPLE });
    expect((await listArticles(reviewer)).articles.some((x) => x.id === a.id)).toBe(true);
    expect((await getArticle(reviewer, a.id)).body).toContain("2.3 per cent");
    expect((await refusal(createArticle(reviewer, { title: "No", body: "x" }))).code).toBe("forbidden");
    expect((await refusal(createRevision(reviewer, a.id, { body: "x" }))).code).toBe("forbidden");
    expect((await refusal(createClaim(reviewer, a.id, { exact: "2.3 per cent" }))).code).toBe("forbidden");
    expect((await refusal(listArticles(null))).code).toBe("unauthorized");
    expect((await refusal(getArticle(editor, "00000000-0000-4000-8000-000000000000"))).code).toBe("not_found");
    expect((await refusal(getArticle(editor, "no-such-slug"))).code).toBe("not_found");
  });

  it("the desk page's article is getArticle with each claim as far as the text and the list show it", async () => {
    const { editor, reviewer } = await createActors("desk");
    const a = await createArticle(editor, { title: "Desk", body: SAMPLE });
    const c1 = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    await createClaim(editor, a.id, { exact: "10,000 North Korea troops" });
    await updateClaim(editor, c1.id, {
      version: c1.version,
      verdict: "verified",
      statement: "UK defence spending is 2.3% of GDP",
    });
    const full = await getArticle(editor, a.id);
    const desk = await getArticleForDesk(reviewer, a.slug);
    const { claims: fullClaims, ...fullRest } = full;
    const { claims: deskClaims, ...deskRest } = desk;
    expect(deskRest).toEqual(fullRest);
    expect(deskClaims).toEqual(
      fullClaims.map((c) => ({
        id: c.id,
        start: c.start,
        end: c.end,
        revision: c.revision,
        anchorState: c.anchorState,
        verdict: c.verdict,
        status: c.status,
        statement: c.statement,
        exact: c.exact,
        version: c.version,
      })),
    );
    expect(deskClaims.map((c) => c.statement)).toContain("UK defence spending is 2.3% of GDP");
    expect((await refusal(getArticleForDesk(null, a.id))).code).toBe("unauthorized");
    expect((await refusal(getArticleForDesk(editor, "no-such-slug"))).code).toBe("not_found");
  });

  it("the review and correction pages' article is getArticle without its claims, their progress counted", async () => {
    const { editor, reviewer } = await createActors("text-only");
    const a = await createArticle(editor, { title: "Text only", body: SAMPLE });
    const c1 = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    await createClaim(editor, a.id, { exact: "10,000 North Korea troops" });
    await updateClaim(editor, c1.id, { version: c1.version, verdict: "false" });
    const { claims, ...rest } = await getArticle(editor, a.id);
    expect(claims).toHaveLength(2);
    const text = await getArticleText(reviewer, a.slug);
    expect(text).toEqual(rest);
    expect(text).not.toHaveProperty("claims");
    expect(text.progress).toMatchObject({ total: 2, byVerdict: { false: 1, unverified: 1 }, byStatus: { draft: 2 } });
    // An article without claims: nothing counted.
    const empty = await createArticle(editor, { title: "No claims yet", body: "Nothing to check here." });
    expect((await getArticleText(editor, empty.id)).progress.total).toBe(0);
    expect((await refusal(getArticleText(null, a.id))).code).toBe("unauthorized");
    expect((await refusal(getArticleText(editor, "no-such-slug"))).code).toBe("not_found");
  });

  it("lists progress by verdict and status", async () => {
    const { editor } = await createActors("prog");
    const a = await createArticle(editor, { title: "Progress", body: SAMPLE });
    const c1 = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    await createClaim(editor, a.id, { exact: "10,000 North Korea troops" });
    await updateClaim(editor, c1.id, { version: c1.version, verdict: "verified" });
    const listed = (await listArticles(editor)).articles.find((x) => x.id === a.id)!;
    expect(listed.progress.total).toBe(2);
    expect(listed.progress.byVerdict.verified).toBe(1);
    expect(listed.progress.byVerdict.unverified).toBe(1);
    expect(listed.progress.byStatus.draft).toBe(2);
  });
});

describe("claims", () => {
  it("creates a claim from code points or from a quote, with unique context", async () => {
    const { editor } = await createActors("cc");
    const a = await createArticle(editor, { title: "Claims", body: SAMPLE });
    const byQuote = await createClaim(editor, a.id, { exact: "10,000 North Korea troops", claimant: "David Lammy" });
    expect(byQuote).toMatchObject({
      exact: "10,000 North Korea troops",
      revision: 1,
      anchorState: "anchored",
      status: "draft",
      verdict: "unverified",
      version: 1,
      claimant: "David Lammy",
    });
    expect(Array.from(SAMPLE).slice(byQuote.start, byQuote.end).join("")).toBe("10,000 North Korea troops");
    expect(byQuote.prefix.length).toBeGreaterThan(0);
    const i = Array.from(SAMPLE).join("").indexOf("In the United Kingdom, we are at 2.3 per cent");
    const start = Array.from(SAMPLE.slice(0, i)).length;
    const bySpan = await createClaim(editor, a.id, {
      start,
      end: start + "In the United Kingdom, we are at 2.3 per cent".length,
    });
    expect(bySpan.exact).toBe("In the United Kingdom, we are at 2.3 per cent");
    // The span is a suggested clause: its statement is the suggestion's proposal.
    expect(bySpan.statement).toBe("In the United Kingdom, we are at 2.3%");
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`target_id = ${bySpan.id} and action = 'claim.create'`);
    expect(audit).toHaveLength(1);
  });

  it("answers 422 for a quote found several times or not at all, and for offsets outside the text", async () => {
    const { editor } = await createActors("q422");
    const a = await createArticle(editor, { title: "Ambiguous", body: SAMPLE });
    const many = await refusal(createClaim(editor, a.id, { exact: "Mr Lammy" }));
    expect(many.status).toBe(422);
    expect(many.message).toMatch(/appears \d+ times/);
    const none = await refusal(createClaim(editor, a.id, { exact: "not in the article at all" }));
    expect(none.status).toBe(422);
    expect(none.message).toMatch(/not found/);
    expect((await refusal(createClaim(editor, a.id, { start: 10, end: 5 }))).status).toBe(422);
    expect((await refusal(createClaim(editor, a.id, { start: 0, end: 10_000_000 }))).status).toBe(422);
    expect((await refusal(createClaim(editor, a.id, { start: 0, end: 4, verdict: "verified" } as never))).fields).toHaveProperty(
      "verdict",
    );
    // Disambiguated by its suffix, the same quote is accepted.
    const one = await createClaim(editor, a.id, { exact: "Mr Lammy", suffix: " highlighted Russia" });
    expect(one.exact).toBe("Mr Lammy");
  });

  it("edits with optimistic locking: a stale version gets 409 with the current claim and changes nothing", async () => {
    const { editor, editor2 } = await createActors("lock");
    const a = await createArticle(editor, { title: "Lock", body: SAMPLE });
    // No claimant at first (not even the suggestion's), so that the update below changes it.
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent", claimant: null });
    const v2 = await updateClaim(editor, c.id, {
      version: 1,
      verdict: "verified",
      rationale: "ONS figures",
      claimant: "David Lammy",
    });
    expect(v2.version).toBe(2);
    const stale = await refusal(updateClaim(editor2, c.id, { version: 1, verdict: "false" }));
    expect(stale.status).toBe(409);
    expect((stale.details as { current: { version: number; verdict: string } }).current).toMatchObject({
      version: 2,
      verdict: "verified",
    });
    expect((await getClaim(editor, c.id)).verdict).toBe("verified");
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`target_id = ${c.id} and action = 'claim.update'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ verdict: "unverified", rationale: "", claimant: null });
    expect(audit[0]!.after).toMatchObject({ verdict: "verified", rationale: "ONS figures", claimant: "David Lammy" });
  });

  it("an edit answers the claim exactly as a read of it does: sources, figures, names and versions", async () => {
    const { editor } = await createActors("edit-view");
    const a = await createArticle(editor, { title: "Edit view", body: SAMPLE });
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    let version = c.version;
    for (const url of ["https://example.org/a", "https://example.org/b"]) {
      const added = await addSource(editor, c.id, {
        url,
        title: `Table ${url}`,
        accessedAt: "2026-11-30",
        claimVersion: version,
      });
      version = added.claim.version;
    }
    // Built from what the edit read and wrote, not read again: it must match a fresh read.
    const edited = await updateClaim(editor, c.id, { version, rationale: "Checked against the ONS table." });
    expect(edited.sources).toHaveLength(2);
    expect(edited.figures!.length).toBeGreaterThan(0);
    expect(edited).toEqual(await getClaim(editor, c.id));
    // A new statement rewrites the figures: the answer shows the new ones.
    const restated = await updateClaim(editor, c.id, { version: edited.version, statement: "Growth was 4.5 per cent in 2024." });
    expect(restated).toEqual(await getClaim(editor, c.id));
    expect(restated.figures!.map((f) => f.text)).not.toEqual(edited.figures!.map((f) => f.text));
    // Nothing changed: the same view, no new version.
    expect(await updateClaim(editor, c.id, { version: restated.version, rationale: restated.rationale })).toEqual(restated);
  });

  it("refuses unknown fields and bad values field by field", async () => {
    const { editor } = await createActors("strict");
    const a = await createArticle(editor, { title: "Strict", body: SAMPLE });
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    const err = await refusal(updateClaim(editor, c.id, { version: 1, status: "approved", approvedBy: editor.id } as never));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields!)).toEqual(expect.arrayContaining(["status", "approvedBy"]));
    const bad = await refusal(
      updateClaim(editor, c.id, { version: 1, verdict: "true-ish" as never, claimDate: "yesterday", statement: "" }),
    );
    expect(Object.keys(bad.fields!).sort()).toEqual(["claimDate", "statement", "verdict"]);
    expect((await getClaim(editor, c.id)).version).toBe(1);
  });

  it("manages sources: http(s) only, ≤ 2,048 characters; each change is a new claim version", async () => {
    const { editor, reviewer } = await createActors("src");
    const a = await createArticle(editor, { title: "Sources", body: SAMPLE });
    const c = await createClaim(editor, a.id, { exact: "2.3 per cent" });
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,hi",
      "vbscript:x",
      "java\tscript:alert(1)",
      "ftp://example.com/x",
      `https://example.com/${"a".repeat(2100)}`,
      "not a url",
    ]) {
      const err = await refusal(addSource(editor, c.id, { url, title: "Bad", claimVersion: c.version }));
      expect(err.fields, url).toHaveProperty("url");
    }
    const added = await addSource(editor, c.id, {
      url: "https://www.gov.uk/defence-spending",
      title: "Defence spending 2024",
      publisher: "MoD",
      quote: "2.33% of GDP",
      accessedAt: "2024-12-05",
      kind: "primary",
      claimVersion: c.version,
    });
    expect(added.claim.version).toBe(2);
    expect(added.claim.sources).toHaveLength(1);
    const edited = await updateSource(editor, c.id, added.source!.id, { internal: true, claimVersion: added.claim.version });
    expect(edited.source!.internal).toBe(true);
    expect(edited.source!.kind).toBe("primary"); // untouched fields stay
    expect((await refusal(addSource(reviewer, c.id, { url: "https://x.example", title: "R", claimVersion: 3 }))).code).toBe(
      "forbidden",
    );
    expect(
      (await refusal(updateSource(editor, c.id, added.source!.id, { claimVersion: 1, title: "stale" } as never))).status,
    ).toBe(409);
    // The claim version is required: without it a source change is refused, not applied blindly.
    expect((await refusal(updateSource(editor, c.id, added.source!.id, { title: "blind" } as never))).fields).toHaveProperty(
      "claimVersion",
    );
    expect((await refusal(removeSource(editor, c.id, added.source!.id, {} as never))).fields).toHaveProperty("claimVersion");
    const removed = await removeSource(editor, c.id, added.source!.id, { claimVersion: edited.claim.version });
    expect(removed.claim.sources).toHaveLength(0);
    expect(removed.claim.version).toBe(4);
    const actions = (
      await db
        .handle()
        .db.select()
        .from(auditEvents)
        .where(sql`target_id = ${c.id}`)
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["source.add", "source.update", "source.remove"]));
  });
});

describe("revisions and re-anchoring", () => {
  it("flags a claim whose number changed, keeps others anchored, and keeps earlier revisions readable", async () => {
    const { editor } = await createActors("rev");
    const a = await createArticle(editor, { title: "Revisions", body: SAMPLE });
    const troops = await createClaim(editor, a.id, { exact: "10,000 North Korea troops" });
    const uk = await createClaim(editor, a.id, { exact: "In the United Kingdom, we are at 2.3 per cent" });
    const corrected =
      "Editor's note: corrected on 5 December.\n\n" + SAMPLE.replace("10,000 North Korea troops", "12,000 North Korea troops");
    const result = await createRevision(editor, a.id, { body: corrected, baseRevision: 1 });
    expect(result.revision).toBe(2);
    const byId = new Map(result.claims.map((c) => [c.id, c]));
    expect(byId.get(troops.id)).toMatchObject({ anchorState: "changed", text: "12,000 North Korea troops" });
    expect(byId.get(uk.id)).toMatchObject({ anchorState: "anchored" });
    const t = await getClaim(editor, troops.id);
    expect(t).toMatchObject({
      exact: "10,000 North Korea troops",
      anchorText: "12,000 North Korea troops",
      revision: 2,
      version: 2,
    });
    const u = await getClaim(editor, uk.id);
    expect(u.start).toBeGreaterThan(uk.start);
    expect(u.version).toBe(1); // only the position moved
    expect((await getArticleRevision(editor, a.id, 1)).body).toBe(SAMPLE.trim());
    expect((await getArticle(editor, a.id)).revisions.map((r) => r.number)).toEqual([1, 2]);
    const moves = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`action = 'claim.reanchor' and target_id = ${troops.id}`);
    expect(moves).toHaveLength(1);
    expect(moves[0]!.meta).toMatchObject({ method: expect.any(String) });
    // A stale base revision is a 409, and the same text is no new revision.
    expect((await refusal(createRevision(editor, a.id, { body: SAMPLE, baseRevision: 1 }))).status).toBe(409);
    expect((await createRevision(editor, a.id, { body: corrected })).unchanged).toBe(true);
  });

  it("orphans a claim whose paragraph was deleted, and an editor re-attaches it", async () => {
    const { editor } = await createActors("orph");
    const a = await createArticle(editor, { title: "Orphans", body: SAMPLE });
    const sudan = await createClaim(editor, a.id, { exact: "this rising conflict in Sudan and now in Syria" });
    const without = SAMPLE.split("\n\n")
      .filter((p) => !p.includes("Sudan"))
      .join("\n\n");
    const result = await createRevision(editor, a.id, { body: without });
    expect(result.claims.find((c) => c.id === sudan.id)!.anchorState).toBe("orphaned");
    const orphan = await getClaim(editor, sudan.id);
    expect(orphan.revision).toBe(1); // keeps its last good position
    const body = (await getArticle(editor, a.id)).body;
    const i = body.indexOf("Russia’s invasion of Ukraine");
    const start = Array.from(body.slice(0, i)).length;
    const re = await reattachClaim(editor, sudan.id, {
      version: orphan.version,
      start,
      end: start + "Russia’s invasion of Ukraine".length,
    });
    expect(re).toMatchObject({ anchorState: "anchored", revision: 2, exact: "Russia’s invasion of Ukraine" });
  });

  it("suggests check-worthy spans that are not yet marked", async () => {
    const { editor } = await createActors("sugg");
    const a = await createArticle(editor, { title: "Suggestions", body: SAMPLE });
    const before = await listSuggestions(editor, a.id);
    const troops = before.find((s) => s.exact.includes("10,000 North Korea troops"));
    expect(troops).toBeDefined();
    expect(before.some((s) => s.exact.includes("2.3 per cent"))).toBe(true);
    await createClaim(editor, a.id, { start: troops!.start, end: troops!.end });
    const after = await listSuggestions(editor, a.id);
    expect(after.some((s) => s.exact.includes("10,000 North Korea troops"))).toBe(false);
  });

  it("gives the article page the same suggestions from what it has read, before and after a correction", async () => {
    const { editor, reviewer } = await createActors("desk-sugg");
    const a = await createArticle(editor, { title: "Desk suggestions", body: SAMPLE });
    const all = await listSuggestions(editor, a.id);
    expect(all.length).toBeGreaterThan(4);
    // Marked: one suggestion whole, one claim that overlaps only the end of another; one dismissed.
    await createClaim(editor, a.id, { start: all[0]!.start, end: all[0]!.end });
    await createClaim(editor, a.id, { start: all[2]!.end - 1, end: all[2]!.end + 1 });
    await dismissSuggestion(editor, a.id, { start: all[3]!.start, end: all[3]!.end });
    const expected = await listSuggestions(editor, a.id);
    expect(expected.map((s) => s.exact)).toEqual(all.filter((_, i) => i !== 0 && i !== 2 && i !== 3).map((s) => s.exact));
    expect(await listDeskSuggestions(editor, await getArticleForDesk(editor, a.id))).toEqual(expected);
    // A reviewer reads them too (the page shows them to writers only).
    expect(await listDeskSuggestions(reviewer, await getArticleForDesk(reviewer, a.id))).toEqual(expected);

    // A correction deletes a marked sentence: its claim is orphaned on revision 1, and the text that
    // moves up into its old offsets is suggested again (a claim on an old revision hides nothing).
    const gone = all[4]!;
    const orphan = await createClaim(editor, a.id, { start: gone.start, end: gone.end });
    await createRevision(editor, a.id, {
      body: SAMPLE.replace(gone.context.exact, "The ministry said that 45,000 new nurses were hired in 2024."),
    });
    const afterCorrection = await getArticleForDesk(editor, a.id);
    expect(afterCorrection.claims.find((c) => c.id === orphan.id)).toMatchObject({ anchorState: "orphaned", revision: 1 });
    const corrected = await listSuggestions(editor, a.id);
    expect(corrected.filter((s) => s.start < orphan.end && orphan.start < s.end).map((s) => s.exact)).toEqual([
      expect.stringContaining("45,000 new nurses"),
    ]);
    expect(await listDeskSuggestions(editor, afterCorrection)).toEqual(corrected);
    expect((await refusal(listDeskSuggestions(null, await getArticleForDesk(editor, a.id)))).code).toBe("unauthorized");
  });
});

describe("the article list", () => {
  it("searches titles and pages newest first without gaps or repeats", async () => {
    const { editor } = await createActors("list");
    // Letters only: a search word must not occur by chance inside the tag.
    const tag = `zebra${Date.now()
      .toString(36)
      .replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}`;
    const NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push((await createArticle(editor, { title: `${tag} report ${NAMES[i]}`, body: `Item ${i} rose 5%.` })).id);
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await listArticles(editor, { q: tag, limit: 3, ...(before ? { before } : {}) });
      expect(page.articles.length).toBeLessThanOrEqual(3);
      seen.push(...page.articles.map((a) => a.id));
      before = page.next ?? undefined;
    } while (before);
    expect(seen).toEqual([...made].reverse());
    expect((await listArticles(editor, { q: `${tag} report ECHO` })).articles.map((a) => a.id)).toEqual([made[4]]);
    expect((await listArticles(editor, { q: "100%_\\" })).articles).toEqual([]);
    const bad = await listArticles(editor, { before: "not-a-cursor" }).catch((e) => e);
    expect(bad.fields).toHaveProperty("before");
  });
});
