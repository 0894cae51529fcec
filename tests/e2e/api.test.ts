import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSession, BASE_URL, DEMO, type ResponseJson } from "./support";

const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

type Api = Awaited<ReturnType<typeof apiSession>>;
let editor: Api;
let reviewer: Api;
const anon = async (path: string, init: { method?: string; body?: unknown } = {}) => {
  const r = await fetch(`${BASE_URL}${path}`, {
    method: init.method ?? "GET",
    headers: init.body ? { "content-type": "application/json" } : {},
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: r.status, json: await r.json().catch(() => null) };
};

function expectError(res: { status: number; json: ResponseJson }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.json).toHaveProperty("error.code");
  expect(res.json).toHaveProperty("error.message");
  if (code) expect(res.json.error.code).toBe(code);
  expect(JSON.stringify(res.json)).not.toMatch(/at \w+ \(|node_modules|select |insert /i);
}

beforeAll(async () => {
  editor = await apiSession(DEMO.editor);
  reviewer = await apiSession(DEMO.reviewer);
});

describe("JSON API: articles", () => {
  let articleId: string;

  it("POST /api/articles → 201; GET lists it; GET by id has text and claims", async () => {
    const res = await editor("/api/articles", {
      method: "POST",
      body: {
        title: "API sample",
        body: SAMPLE,
        url: "https://example.com/nato",
        publisher: "The Independent",
        publishedAt: "2024-12-04",
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.article).toMatchObject({ title: "API sample", revision: 1, publisher: "The Independent" });
    articleId = res.json.article.id;
    const list = await editor("/api/articles");
    expect(list.status).toBe(200);
    expect(list.json.articles.some((a: { id: string }) => a.id === articleId)).toBe(true);
    const one = await reviewer(`/api/articles/${articleId}`);
    expect(one.status).toBe(200);
    expect(one.json.article.body).toContain("2.3 per cent");
    expect(one.json.article.claims).toEqual([]);
  });

  it("refuses bad input (422 fields), malformed JSON (400), reviewers (403), anonymous (401), unknown ids (404), cross-site (403)", async () => {
    const before = (await editor("/api/articles?limit=200")).json.articles.length;
    const bad = await editor("/api/articles", {
      method: "POST",
      body: { title: "", body: "", format: "pdf", url: "javascript:alert(1)", extra: 1 },
    });
    expectError(bad, 422, "validation_failed");
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["body", "extra", "format", "title", "url"]);
    expectError(await editor("/api/articles", { method: "POST", body: "{not json" }), 400, "bad_request");
    expectError(await reviewer("/api/articles", { method: "POST", body: { title: "R", body: "text" } }), 403, "forbidden");
    expectError(await anon("/api/articles", { method: "POST", body: { title: "A", body: "text" } }), 401, "unauthorized");
    expectError(await anon("/api/articles"), 401);
    expectError(await editor("/api/articles/00000000-0000-4000-8000-000000000000"), 404, "not_found");
    expectError(await editor("/api/no-such-endpoint"), 404, "not_found");
    expectError(await anon("/api/no-such-endpoint"), 404, "not_found");
    expectError(
      await editor("/api/articles", {
        method: "POST",
        body: { title: "X", body: "y" },
        headers: { origin: "https://evil.example" },
      }),
      403,
    );
    expect((await editor("/api/articles?limit=200")).json.articles.length).toBe(before);
  });

  it("GET suggestions finds the 2.3 per cent, 2.5 per cent and 10,000 troops claims", async () => {
    const res = await editor(`/api/articles/${articleId}/suggestions`);
    expect(res.status).toBe(200);
    const texts = res.json.suggestions.map((s: { exact: string }) => s.exact).join("\n");
    expect(texts).toContain("2.3 per cent");
    expect(texts).toContain("2.5 per cent");
    expect(texts).toContain("10,000 North Korea troops");
    for (const s of res.json.suggestions) {
      expect(s).toMatchObject({
        start: expect.any(Number),
        end: expect.any(Number),
        exact: expect.any(String),
        score: expect.any(Number),
        reasons: expect.any(Array),
        statement: expect.any(String),
        context: { start: expect.any(Number), end: expect.any(Number), exact: expect.any(String) },
      });
      // The clause, not the sentence: it lies inside its context.
      expect(s.context.exact).toContain(s.exact);
    }
  });

  describe("claims and sources", () => {
    let claimId: string;
    let sourceId: string;

    it("POST claims by quote and by code points → 201; ambiguous or missing quotes → 422", async () => {
      const c = await editor(`/api/articles/${articleId}/claims`, {
        method: "POST",
        body: { exact: "10,000 North Korea troops", claimant: "David Lammy", claimDate: "2024-12-04" },
      });
      expect(c.status).toBe(201);
      for (const key of [
        "id",
        "articleId",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "revision",
        "anchorState",
        "claimant",
        "statement",
        "claimDate",
        "verdict",
        "rationale",
        "status",
        "version",
      ]) {
        expect(c.json.claim).toHaveProperty(key);
      }
      expect(c.json.claim).toMatchObject({
        exact: "10,000 North Korea troops",
        claimant: "David Lammy",
        claimDate: "2024-12-04",
        verdict: "unverified",
        status: "draft",
        version: 1,
        anchorState: "anchored",
        revision: 1,
      });
      claimId = c.json.claim.id;
      const byOffsets = await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { start: 0, end: 11 } });
      expect(byOffsets.status).toBe(201);
      expect(byOffsets.json.claim.exact).toBe("David Lammy");
      expectError(await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: "Ukraine" } }), 422);
      expectError(
        await editor(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: "Nowhere in this text" } }),
        422,
      );
      expectError(await reviewer(`/api/articles/${articleId}/claims`, { method: "POST", body: { exact: "2.3 per cent" } }), 403);
    });

    it("GET and PATCH a claim; stale version → 409; unknown fields → 422; reviewers → 403", async () => {
      const got = await reviewer(`/api/claims/${claimId}`);
      expect(got.status).toBe(200);
      expect(got.json.claim.sources).toEqual([]);
      const ok = await editor(`/api/claims/${claimId}`, {
        method: "PATCH",
        body: { version: 1, verdict: "disputed", rationale: "Estimates differ." },
      });
      expect(ok.status).toBe(200);
      expect(ok.json.claim).toMatchObject({ verdict: "disputed", version: 2 });
      const stale = await editor(`/api/claims/${claimId}`, { method: "PATCH", body: { version: 1, verdict: "false" } });
      expectError(stale, 409, "conflict");
      expect(stale.json.error.current).toMatchObject({ version: 2, verdict: "disputed" });
      const unknown = await editor(`/api/claims/${claimId}`, { method: "PATCH", body: { version: 2, status: "approved" } });
      expectError(unknown, 422);
      expect(unknown.json.error.fields).toHaveProperty("status");
      expectError(await reviewer(`/api/claims/${claimId}`, { method: "PATCH", body: { version: 2, verdict: "false" } }), 403);
      expectError(await editor(`/api/claims/not-a-uuid`), 404);
      expect((await editor(`/api/claims/${claimId}`)).json.claim).toMatchObject({ verdict: "disputed", version: 2 });
    });

    it("POST, PATCH and DELETE sources with URL checks", async () => {
      const bad = await editor(`/api/claims/${claimId}/sources`, {
        method: "POST",
        body: { url: "javascript:alert(1)", title: "x", claimVersion: 2 },
      });
      expectError(bad, 422);
      expect(bad.json.error.fields.url).toMatch(/http/);
      const added = await editor(`/api/claims/${claimId}/sources`, {
        method: "POST",
        body: {
          url: "https://www.reuters.com/x",
          title: "Reuters report",
          publisher: "Reuters",
          quote: "about 10,000",
          accessedAt: "2024-12-05",
          kind: "secondary",
          internal: false,
          claimVersion: 2,
        },
      });
      expect(added.status).toBe(201);
      sourceId = added.json.source.id;
      expect(added.json.claim.sources).toHaveLength(1);
      const version = added.json.claim.version as number;
      // Without the claim's version, or with a stale one, nothing changes.
      expectError(await editor(`/api/claims/${claimId}/sources/${sourceId}`, { method: "PATCH", body: { internal: true } }), 422);
      expectError(
        await editor(`/api/claims/${claimId}/sources/${sourceId}`, {
          method: "PATCH",
          body: { internal: true, claimVersion: 2 },
        }),
        409,
      );
      const patched = await editor(`/api/claims/${claimId}/sources/${sourceId}`, {
        method: "PATCH",
        body: { internal: true, claimVersion: version },
      });
      expect(patched.status).toBe(200);
      expect(patched.json.source.internal).toBe(true);
      const current = { claimVersion: patched.json.claim.version };
      expectError(await reviewer(`/api/claims/${claimId}/sources/${sourceId}`, { method: "DELETE", body: current }), 403);
      expectError(
        await editor(`/api/claims/${claimId}/sources/${sourceId}`, { method: "DELETE", body: { claimVersion: version } }),
        409,
      );
      const deleted = await editor(`/api/claims/${claimId}/sources/${sourceId}`, { method: "DELETE", body: current });
      expect(deleted.status).toBe(200);
      expect(deleted.json.claim.sources).toHaveLength(0);
      expectError(
        await editor(`/api/claims/${claimId}/sources/${sourceId}`, {
          method: "DELETE",
          body: { claimVersion: deleted.json.claim.version },
        }),
        404,
      );
    });

    it("POST revisions → 201 with each claim's new anchor state", async () => {
      const body = SAMPLE.replace("10,000 North Korea troops", "12,000 North Korea troops");
      const res = await editor(`/api/articles/${articleId}/revisions`, { method: "POST", body: { body, baseRevision: 1 } });
      expect(res.status).toBe(201);
      expect(res.json.revision).toBe(2);
      const troops = res.json.claims.find((c: { id: string }) => c.id === claimId);
      expect(troops).toMatchObject({ anchorState: "changed", text: "12,000 North Korea troops" });
      expectError(await editor(`/api/articles/${articleId}/revisions`, { method: "POST", body: { body, baseRevision: 1 } }), 409);
      expectError(await reviewer(`/api/articles/${articleId}/revisions`, { method: "POST", body: { body: "x" } }), 403);
      const after = await editor(`/api/claims/${claimId}`);
      expect(after.json.claim).toMatchObject({
        anchorState: "changed",
        revision: 2,
        exact: "10,000 North Korea troops",
        anchorText: "12,000 North Korea troops",
      });
    });
  });
});
