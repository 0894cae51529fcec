import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as postArticle } from "../../app/api/articles/route";
import { POST as postComment } from "../../app/api/claims/[id]/comments/route";
import { createArticle } from "../../lib/articles/create-article";
import { createClaim } from "../../lib/claims/create-claim";
import { createApiToken } from "../../lib/tokens/create-token";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

/**
 * Hole 10 of the security probe (issue 14): `Idempotency-Key` on POST routes, through the real
 * route wrapper (apiRoute) with an API token, on the test database.
 */
const db = useTestDatabase();

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const r = await db.handle().db.execute(query);
  const rows = ("rows" in (r as object) ? (r as unknown as { rows: unknown[] }).rows : (r as unknown as unknown[])) as {
    n: number;
  }[];
  return rows[0]!.n;
}

function post(path: string, secret: string, body: unknown, key?: string): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secret}`,
      "content-type": "application/json",
      ...(key === undefined ? {} : { "idempotency-key": key }),
    },
    body: JSON.stringify(body),
  });
}

const noParams = { params: Promise.resolve({}) };

describe("Idempotency-Key on POST routes", () => {
  it("replays the first answer for the same key and body, without a second write", async () => {
    const { editor } = await createActors("idem");
    const { secret } = await createApiToken(editor, { name: "Importer", scopes: ["read", "write"] });
    const body = { title: "Idempotent import", body: "The council built 40 homes in 2024." };

    const first = await postArticle(post("/api/articles", secret, body, "import-0001"), noParams);
    expect(first.status).toBe(201);
    const firstJson = await first.json();
    const again = await postArticle(post("/api/articles", secret, body, "import-0001"), noParams);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstJson);
    expect(await count(sql`select count(*)::int as n from articles where title = 'Idempotent import'`)).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from audit_events where action = 'article.create' and actor_id = ${editor.id}`),
    ).toBe(1);

    // The same key with another body: 422, nothing written.
    const other = await postArticle(post("/api/articles", secret, { ...body, title: "Another" }, "import-0001"), noParams);
    expect(other.status).toBe(422);
    expect((await other.json()).error.fields).toHaveProperty("Idempotency-Key");
    expect(await count(sql`select count(*)::int as n from articles where title = 'Another'`)).toBe(0);

    // Without a key, or with a new one, each POST writes.
    expect((await postArticle(post("/api/articles", secret, body), noParams)).status).toBe(201);
    expect((await postArticle(post("/api/articles", secret, body, "import-0002"), noParams)).status).toBe(201);
    expect(await count(sql`select count(*)::int as n from articles where title = 'Idempotent import'`)).toBe(3);
  });

  it("parallel retries with one key write once; keys are per user, malformed ones refused, and expire", async () => {
    const { editor, editor2 } = await createActors("idem2");
    const a = await createArticle(editor, { title: "Comments", body: "Prices rose 4% in May." });
    const c = await createClaim(editor, a.id, { exact: "Prices rose 4% in May" });
    const path = `/api/claims/${c.id}/comments`;
    const params = { params: Promise.resolve({ id: c.id }) };
    const { secret } = await createApiToken(editor2, { name: "Bot", scopes: ["read", "write"] });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => postComment(post(path, secret, { body: "Check the base year." }, "comment-1"), params)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await count(sql`select count(*)::int as n from comments where claim_id = ${c.id}`)).toBe(1);
    // Once answered, a retry replays the 201.
    const replay = await postComment(post(path, secret, { body: "Check the base year." }, "comment-1"), params);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    // Another user's identical key is theirs alone.
    const { secret: editorSecret } = await createApiToken(editor, { name: "Editor bot", scopes: ["read", "write"] });
    expect((await postComment(post(path, editorSecret, { body: "Check the base year." }, "comment-1"), params)).status).toBe(201);
    expect(await count(sql`select count(*)::int as n from comments where claim_id = ${c.id}`)).toBe(2);

    expect((await postComment(post(path, secret, { body: "x" }, "bad key with spaces"), params)).status).toBe(400);

    // A day later the key is forgotten: the same request writes again.
    await db
      .handle()
      .db.execute(sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = 'comment-1'`);
    expect((await postComment(post(path, secret, { body: "Check the base year." }, "comment-1"), params)).status).toBe(201);
    expect(await count(sql`select count(*)::int as n from comments where claim_id = ${c.id}`)).toBe(3);
  });

  it("a key left in progress by a process that died says so after a while, and never writes twice", async () => {
    const { editor } = await createActors("idem4");
    const { secret } = await createApiToken(editor, { name: "Importer", scopes: ["read", "write"] });
    const body = { title: "Interrupted import", body: "The council built 40 homes in 2024." };
    const first = await postArticle(post("/api/articles", secret, body, "crash-1"), noParams);
    expect(first.status).toBe(201);
    // As a process that died after its write, before recording the answer, leaves it.
    const leave = (age: string) =>
      db.handle().db.execute(sql`update idempotency_keys set status = null, response_body = null,
        created_at = now() - ${age}::interval where key = 'crash-1'`);
    await leave("10 seconds");
    const soon = await postArticle(post("/api/articles", secret, body, "crash-1"), noParams);
    expect(soon.status).toBe(409);
    expect((await soon.json()).error.message).toMatch(/still being processed/);
    await leave("10 minutes");
    const later = await postArticle(post("/api/articles", secret, body, "crash-1"), noParams);
    expect(later.status).toBe(409);
    const error = (await later.json()).error;
    expect(error.message).toMatch(/interrupted before it answered/);
    expect(error.fields).toHaveProperty("Idempotency-Key");
    expect(await count(sql`select count(*)::int as n from articles where title = 'Interrupted import'`)).toBe(1);
  });

  it("a refused request frees its key: the corrected retry goes through", async () => {
    const { editor } = await createActors("idem3");
    const { secret } = await createApiToken(editor, { name: "Importer", scopes: ["read", "write"] });
    const bad = await postArticle(post("/api/articles", secret, { title: "" }, "fix-me"), noParams);
    expect(bad.status).toBe(422);
    expect(await count(sql`select count(*)::int as n from idempotency_keys where key = 'fix-me'`)).toBe(0);
  });
});
