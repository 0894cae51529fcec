import { LOW_LIMITS } from "../support/low-rate-limits";
import "../support/auth-secret";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listArticles, POST as postArticle } from "../../app/api/articles/route";
import { GET as health } from "../../app/api/health/route";
import { GET as getQueue } from "../../app/api/queue/route";
import { createArticle } from "../../lib/articles/create-article";
import { addSource } from "../../lib/claims/add-source";
import { createClaim } from "../../lib/claims/create-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import {
  encodeQueueCursor,
  listReviewQueue,
  queuePageSchema,
  type QueuePage,
  reviewQueueRead,
} from "../../lib/workflow/list-queue";
import { submitClaim } from "../../lib/workflow/submit-claim";
import type { Actor } from "../../lib/auth/permissions";
import { authenticate, signOutEverywhere } from "../../lib/auth/authenticate";
import { encodeSessionToken } from "../../lib/auth/session-token";
import { APP_DATABASE_LIMITS, openPostgres } from "../../db/client";
import { rowsOf, setDatabase } from "../../lib/database";
import { errorBodySchema } from "../../lib/errors";
import { windowStartOf } from "../../lib/security/rate-limit-rules";
import { countRequest, type SessionRead, sessionUserAndCount } from "../../lib/security/rate-limits";
import { createApiToken } from "../../lib/tokens/create-token";
import { useTestDatabase } from "../support/db";
import { createActors, TEST_PASSWORD } from "../support/fixtures";

/**
 * Rate limits per API token, per user and per client address on the JSON API and on login (issue
 * 15), through the real route wrapper and authenticate, counted in the test database. The limits
 * are set small by tests/support/low-rate-limits.ts: 3 per token, 5 per user, 8 per address and 4
 * login attempts per address in a 60 s window. The clock (Date only) is fixed inside one window, so
 * that no test straddles the turn of a window by chance.
 */
const db = useTestDatabase();
const WINDOW_MS = LOW_LIMITS.windowSeconds * 1000;

/** What server.mjs tells the app (lib/http/server-state.ts): the client's address, with its token. */
const SERVER_TOKEN = "rate-limit-test";
beforeAll(() => {
  (globalThis as Record<symbol, unknown>)[Symbol.for("fact-check-desk.server")] = { draining: false, token: SERVER_TOKEN };
});

let now = 0;
/** Fixes Date at `offsetMs` into a window that starts after the current one. */
function freezeClock(offsetMs = 1_000) {
  now = windowStartOf(Date.now(), LOW_LIMITS.windowSeconds).getTime() + WINDOW_MS + offsetMs;
  vi.useFakeTimers({ toFake: ["Date"], now });
}
function advance(ms: number) {
  now += ms;
  vi.setSystemTime(now);
}
afterEach(() => {
  vi.useRealTimers();
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.handle().db.execute(query));
}

const noParams = { params: Promise.resolve({}) };

function request(
  path: string,
  opts: { secret?: string; cookie?: string; ip?: string; method?: string; body?: unknown } = {},
): Request {
  const headers: Record<string, string> = {};
  if (opts.secret) headers.authorization = `Bearer ${opts.secret}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.ip) headers["x-fcd-client-address"] = `${SERVER_TOKEN} ${opts.ip}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost${path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

const list = (secret: string | undefined, ip?: string) => listArticles(request("/api/articles", { secret, ip }), noParams);

async function tokenOf(user: Actor, scopes: ("read" | "write")[] = ["read"]): Promise<string> {
  return (await createApiToken(user, { name: `Client ${Math.random().toString(36).slice(2, 8)}`, scopes })).secret;
}

/** The 429's contract: JSON error shape, which limit, and Retry-After agreeing with the body. */
async function expectRefused(response: Response, limit: "token" | "user" | "ip") {
  expect(response.status).toBe(429);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.code).toBe("too_many_requests");
  expect(body.error.limit).toBe(limit);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(LOW_LIMITS.windowSeconds);
  expect(body.error.retryAfter).toBe(retryAfter);
  expect(response.headers.get("ratelimit-remaining")).toBe("0");
  return retryAfter;
}

describe("API rate limits: per token, per user, per address; the tightest wins", () => {
  it("a token over its limit gets 429; another token of the same user goes on until the user's limit", async () => {
    freezeClock();
    const { editor, editor2 } = await createActors("rl-token");
    const first = await tokenOf(editor, ["read", "write"]);
    const second = await tokenOf(editor);

    for (let i = 1; i <= LOW_LIMITS.perToken; i++) {
      const ok = await list(first);
      expect(ok.status).toBe(200);
      // The token's limit (3) is tighter than the user's (5): its headers are the token's.
      expect(ok.headers.get("ratelimit-limit")).toBe(String(LOW_LIMITS.perToken));
      expect(ok.headers.get("ratelimit-remaining")).toBe(String(LOW_LIMITS.perToken - i));
    }
    // Over the token's limit: refused, and nothing is done (a write is not made).
    const refusedWrite = await postArticle(
      request("/api/articles", { secret: first, method: "POST", body: { title: "Over the limit", body: "Some text." } }),
      noParams,
    );
    const retryAfter = await expectRefused(refusedWrite, "token");
    expect(retryAfter).toBe(LOW_LIMITS.windowSeconds - 1); // the clock stands 1 s into the window
    expect(await rows(sql`select id from articles where title = 'Over the limit'`)).toHaveLength(0);

    // The second token: the user has made 4 requests (refused ones count), so one more passes…
    expect((await list(second)).status).toBe(200);
    // …and then the user's limit refuses the second token too.
    await expectRefused(await list(second), "user");

    // Another user is not affected.
    expect((await list(await tokenOf(editor2))).status).toBe(200);
  });

  it("counts per client address over all users, and anonymous requests too; /api/health never", async () => {
    freezeClock();
    const users = await createActors("rl-ip");
    const ip = "203.0.113.9";
    let passed = 0;
    for (const user of [users.editor, users.editor2, users.reviewer]) {
      const secret = await tokenOf(user);
      for (let i = 0; i < LOW_LIMITS.perToken && passed < LOW_LIMITS.perIp; i++) {
        expect((await list(secret, ip)).status).toBe(200);
        passed++;
      }
    }
    expect(passed).toBe(LOW_LIMITS.perIp);
    // A fresh token of a fresh user from the same address: the address's limit.
    await expectRefused(await list(await tokenOf(users.reviewer2), ip), "ip");
    // Without a token or a session: still counted by address (an anonymous caller is not let through to the 401).
    await expectRefused(await list(undefined, ip), "ip");
    // Another address is another client.
    expect((await list(await tokenOf(users.admin), "203.0.113.10")).status).toBe(200);
    // /api/health and /api/ready are outside the limits.
    const up = await health();
    expect(up.status).toBe(200);
    expect(up.headers.get("ratelimit-limit")).toBeNull();
  });

  it("an IPv6 client is its /64: changing the last 64 bits does not make a new client", async () => {
    freezeClock();
    const users = Object.values(await createActors("rl-ip6"));
    let host = 0;
    let passed = 0;
    for (const user of users.slice(0, 3)) {
      const secret = await tokenOf(user);
      for (let i = 0; i < LOW_LIMITS.perToken && passed < LOW_LIMITS.perIp; i++, passed++) {
        expect((await list(secret, `2001:db8:1:2::${(++host).toString(16)}`)).status).toBe(200);
      }
    }
    await expectRefused(await list(await tokenOf(users[3]!), "2001:db8:1:2:ffff:ffff:ffff:ffff"), "ip");
    expect((await list(await tokenOf(users[4]!), "2001:db8:1:3::1")).status).toBe(200);
  });

  it("a refused client gets through again once the window has ended", async () => {
    freezeClock(30_000);
    const { editor } = await createActors("rl-reset");
    const secret = await tokenOf(editor);
    for (let i = 0; i < LOW_LIMITS.perToken; i++) expect((await list(secret)).status).toBe(200);
    const retryAfter = await expectRefused(await list(secret), "token");
    expect(retryAfter).toBe(30);
    advance(retryAfter * 1000 - 1_000);
    await expectRefused(await list(secret), "token"); // a second before the end: still refused
    advance(1_000);
    const again = await list(secret);
    expect(again.status).toBe(200);
    expect(again.headers.get("ratelimit-remaining")).toBe(String(LOW_LIMITS.perToken - 1));
  });

  it("N parallel requests over a limit of K: exactly K pass", async () => {
    freezeClock();
    const { editor } = await createActors("rl-parallel");
    const secret = await tokenOf(editor);
    const answers = await Promise.all(Array.from({ length: 20 }, () => list(secret)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LOW_LIMITS.perToken);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOW_LIMITS.perToken);

    // The counter itself, with a larger K: 60 parallel counts, 23 allowed, every count once.
    const bucket = { kind: "token" as const, key: `token:parallel-${Math.random()}`, limit: 23 };
    const decisions = await Promise.all(Array.from({ length: 60 }, () => countRequest([bucket], LOW_LIMITS.windowSeconds)));
    expect(decisions.filter((d) => d!.allowed)).toHaveLength(23);
    const [row] = await rows<{ hits: number }>(sql`select hits from rate_limit_counters where bucket = ${bucket.key}`);
    expect(row!.hits).toBe(60);
  });

  it("the counters are UNLOGGED: a count's commit writes no WAL to wait for (lib/security/rate-limits.ts)", async () => {
    const [table] = await rows<{ persistence: string }>(
      sql`select relpersistence as persistence from pg_class where oid = 'rate_limit_counters'::regclass`,
    );
    expect(table!.persistence).toBe("u");
  });

  it("counters of past windows are deleted, those of the current window kept", async () => {
    freezeClock();
    const past = new Date(now - 10 * WINDOW_MS);
    await db.handle().db.execute(sql`
      insert into rate_limit_counters (bucket, window_start, hits)
      select 'ip:stale-' || g, ${past.toISOString()}::timestamptz, 1 from generate_series(1, 50) g`);
    const { editor } = await createActors("rl-purge");
    const secret = await tokenOf(editor);
    // A window no earlier test reached (the purge runs once per window and process): the first
    // request in it sets off the purge.
    advance(5 * WINDOW_MS);
    expect((await list(secret)).status).toBe(200);
    await expect
      .poll(
        async () =>
          (await rows<{ n: number }>(sql`select count(*)::int as n from rate_limit_counters where bucket like 'ip:stale-%'`))[0]!
            .n,
      )
      .toBe(0);
    const current = windowStartOf(now, LOW_LIMITS.windowSeconds).toISOString();
    const kept = await rows(sql`select bucket from rate_limit_counters where window_start = ${current}::timestamptz`);
    expect(kept.length).toBeGreaterThan(0);
  });
});

describe("login rate limit per client address", () => {
  it("limits attempts from one address over all accounts; other addresses go on", async () => {
    freezeClock();
    const { editor, editor2, reviewer } = await createActors("rl-login");
    const ip = "198.51.100.77";
    const attempts = [
      { email: "nobody@example.com", password: "a wrong password" },
      { email: editor.email, password: "a wrong password" },
      { email: editor2.email, password: TEST_PASSWORD },
      { email: "someone-else@example.com", password: "another wrong one" },
    ];
    expect(attempts).toHaveLength(LOW_LIMITS.loginPerIp);
    const results = [];
    for (const a of attempts) results.push(await authenticate(a, { ip }));
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["invalid", "invalid", "ok", "invalid"]);

    // The right password of yet another account: refused without being checked.
    const refused = await authenticate({ email: reviewer.email, password: TEST_PASSWORD }, { ip });
    expect(refused).toEqual({ ok: false, reason: "rate_limited", retryAfter: LOW_LIMITS.windowSeconds - 1 });
    expect(
      await rows(sql`select id from audit_events where target_id = ${reviewer.id} and action like 'auth.login%'`),
    ).toHaveLength(0);
    expect(await rows(sql`select id from login_attempts where email = ${reviewer.email}`)).toHaveLength(0);

    expect((await authenticate({ email: reviewer.email, password: TEST_PASSWORD }, { ip: "198.51.100.78" })).ok).toBe(true);
    advance(LOW_LIMITS.windowSeconds * 1000);
    expect((await authenticate({ email: reviewer.email, password: TEST_PASSWORD }, { ip })).ok).toBe(true);
  });

  it("parallel attempts from one address: exactly the limit are checked", async () => {
    freezeClock();
    const ip = "198.51.100.99";
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        authenticate({ email: `parallel-${i}@example.com`, password: "wrong password" }, { ip }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(12 - LOW_LIMITS.loginPerIp);
    const [failed] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'auth.login_failed' and meta->>'ip' = ${ip}`,
    );
    expect(failed!.n).toBe(LOW_LIMITS.loginPerIp);
  });
});

describe("a session's check and its count are one statement with the same answers", () => {
  /** A session cookie as Auth.js issues it (lib/auth/session-token.ts), for `user` at their current session version. */
  async function sessionOf(user: Actor): Promise<string> {
    const [row] = await rows<{ sv: number }>(sql`select session_version as sv from users where id = ${user.id}`);
    const name = "authjs.session-token";
    const token = encodeSessionToken(
      { uid: user.id, sv: row!.sv, authTime: Math.floor(Date.now() / 1000) },
      process.env.AUTH_SECRET!,
      name,
      3600,
    );
    return `${name}=${token}`;
  }
  const hits = async (bucket: string) =>
    (await rows<{ hits: number }>(sql`select hits from rate_limit_counters where bucket = ${bucket}`))[0]?.hits ?? 0;
  const viaSession = (cookie: string, ip: string) => listArticles(request("/api/articles", { cookie, ip }), noParams);
  const deniedCount = async (actorId: string) =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'access.denied' and actor_id = ${actorId}`,
      )
    )[0]!.n;

  it("a signed-in user is counted by user and address; a disabled or signed-out one is refused, counted by address only", async () => {
    freezeClock();
    const { editor, editor2 } = await createActors("rl-session");
    const ip = "198.51.100.21";
    const [editorCookie, editor2Cookie] = [await sessionOf(editor), await sessionOf(editor2)];

    const ok = await viaSession(editorCookie, ip);
    expect(ok.status).toBe(200);
    // The user's limit (5) is tighter than the address's (8).
    expect([ok.headers.get("ratelimit-limit"), ok.headers.get("ratelimit-remaining")]).toEqual([String(LOW_LIMITS.perUser), "4"]);
    expect([await hits(`user:${editor.id}`), await hits(`ip:${ip}`)]).toEqual([1, 1]);
    // A token of the same user spends the same user's allowance.
    expect((await list(await tokenOf(editor), ip)).status).toBe(200);
    expect([await hits(`user:${editor.id}`), await hits(`ip:${ip}`)]).toEqual([2, 2]);

    // Disabled: refused at once, and not counted against the user (there is none acting).
    await db.handle().db.execute(sql`update users set disabled = true where id = ${editor2.id}`);
    const disabled = await viaSession(editor2Cookie, ip);
    expect(disabled.status).toBe(401);
    expect([await hits(`user:${editor2.id}`), await hits(`ip:${ip}`)]).toEqual([0, 3]);

    // Signed out everywhere: the old cookie stops working before the sign-out returns.
    await signOutEverywhere(editor.id);
    expect((await viaSession(editorCookie, ip)).status).toBe(401);
    expect([await hits(`user:${editor.id}`), await hits(`ip:${ip}`)]).toEqual([2, 4]);
    // A forged or foreign cookie is anonymous: counted by address.
    expect((await viaSession("authjs.session-token=forged", ip)).status).toBe(401);
    expect(await hits(`ip:${ip}`)).toBe(5);
  });

  it("a session over the user's limit gets 429 (refused requests count), whatever the address", async () => {
    freezeClock();
    const { reviewer } = await createActors("rl-session-limit");
    const cookie = await sessionOf(reviewer);
    for (let i = 1; i <= LOW_LIMITS.perUser; i++) {
      const ok = await viaSession(cookie, `198.51.100.${100 + i}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-remaining")).toBe(String(LOW_LIMITS.perUser - i));
    }
    await expectRefused(await viaSession(cookie, "198.51.100.200"), "user");
    expect(await hits(`user:${reviewer.id}`)).toBe(LOW_LIMITS.perUser + 1);
    // Without an address known (no server.mjs in front): the user alone is counted.
    await expectRefused(await viaSession(cookie, ""), "user");
  });

  it("GET /api/queue reads its page in the session's statement: only a reader whose session holds, within the limits, gets rows", async () => {
    freezeClock();
    const { editor, reviewer, reviewer2 } = await createActors("rl-queue");
    const article = await createArticle(editor, { title: "Queue read", body: "It rose by 4 percent.\n\nIt fell by 2 percent." });
    for (const exact of ["It rose by 4 percent.", "It fell by 2 percent."]) {
      const created = await createClaim(editor, article.id, { exact });
      const edited = await updateClaim(editor, created.id, { version: created.version, verdict: "false", rationale: "Checked." });
      const { claim } = await addSource(editor, created.id, {
        url: "https://example.org/t",
        title: "T",
        claimVersion: edited.version,
      });
      await submitClaim(editor, claim.id, { version: claim.version });
    }
    const queue = (cookie: string, ip: string, query = "") => getQueue(request(`/api/queue${query}`, { cookie, ip }), noParams);
    const withoutClock = (page: QueuePage) => page.items.map(({ waitingSeconds: _, ...item }) => item);
    const ip = "198.51.100.41";
    const cookie = await sessionOf(reviewer);

    // The page is the one the use case reads alone, counted as before (user and address).
    const ok = await queue(cookie, ip, "?limit=100");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-remaining")).toBe(String(LOW_LIMITS.perUser - 1));
    const page = queuePageSchema.parse(await ok.json());
    expect(page.items.map((i) => i.statement)).toEqual(
      expect.arrayContaining(["It rose by 4 percent.", "It fell by 2 percent."]),
    );
    expect(withoutClock(page)).toEqual(withoutClock(await listReviewQueue(reviewer, { limit: "100" })));
    expect([await hits(`user:${reviewer.id}`), await hits(`ip:${ip}`)]).toEqual([1, 1]);
    // The first page and the next, by its cursor.
    const first = queuePageSchema.parse(await (await queue(cookie, ip, "?limit=1")).json());
    expect(withoutClock(first)).toEqual(withoutClock(await listReviewQueue(reviewer, { limit: "1" })));
    const second = queuePageSchema.parse(await (await queue(cookie, ip, `?limit=1&after=${first.next}`)).json());
    expect(withoutClock(second)).toEqual(withoutClock(await listReviewQueue(reviewer, { limit: "1", after: first.next! })));
    // An invalid query is refused after the session check, and counted, as before.
    expect((await queue(cookie, ip, "?after=nonsense")).status).toBe(422);
    expect(await hits(`user:${reviewer.id}`)).toBe(4);

    // No rows for a refused request: an editor (403), a role changed in the database (403 at once),
    // a disabled reviewer (401), a reviewer over their limit (429).
    // What the statement's own gate answered (before the same checks in JS) and what reached the use case.
    const readFor = async (user: Actor) => {
      const read = reviewQueueRead({})!;
      const [row] = await rows<{ sv: number }>(sql`select session_version as sv from users where id = ${user.id}`);
      await sessionUserAndCount({ userId: user.id, sessionVersion: row!.sv }, "198.51.100.42", Date.now(), read);
      return { gateOpen: read.gateOpen, rows: read.rows };
    };
    const refused = { gateOpen: false, rows: null };
    expect((await queue(await sessionOf(editor), ip)).status).toBe(403);
    expect(await readFor(editor)).toEqual(refused);
    const granted = await readFor(reviewer2);
    expect(granted.gateOpen).toBe(true);
    expect(granted.rows?.length).toBeGreaterThanOrEqual(2);
    const cookie2 = await sessionOf(reviewer2);
    await db.handle().db.execute(sql`update users set role = 'editor' where id = ${reviewer2.id}`);
    expect((await queue(cookie2, ip)).status).toBe(403);
    expect(await readFor(reviewer2)).toEqual(refused);
    await db.handle().db.execute(sql`update users set role = 'reviewer', disabled = true where id = ${reviewer2.id}`);
    expect((await queue(cookie2, ip)).status).toBe(401);
    expect(await readFor(reviewer2)).toEqual(refused);
    expect((await queue(cookie, ip)).status).toBe(200); // the 5th of the user's 5
    await expectRefused(await queue(cookie, "198.51.100.43"), "user");
    expect(await readFor(reviewer)).toEqual(refused);
  });

  it("a queue read that fails does not take the count with it: a refused cursor is a 422 for a reviewer and a 403 for an editor, each counted", async () => {
    freezeClock();
    const { editor, reviewer } = await createActors("rl-queue-bad");
    const ip = "198.51.100.51";
    // Dates JavaScript reads and PostgreSQL refuses: February 30th, the year 0.
    for (const submittedAt of ["2024-02-30T00:00:00.000000Z", "0000-01-01T00:00:00.000000Z"]) {
      const after = encodeQueueCursor({ submittedAt, id: randomUUID() });
      const answer = await getQueue(request(`/api/queue?after=${after}`, { cookie: await sessionOf(reviewer), ip }), noParams);
      expect(answer.status).toBe(422);
      expect(errorBodySchema.parse(await answer.json()).error.fields).toHaveProperty("after");
    }
    expect([await hits(`user:${reviewer.id}`), await hits(`ip:${ip}`)]).toEqual([2, 2]);
    const deniedBefore = await deniedCount(editor.id);
    const after = encodeQueueCursor({ submittedAt: "2024-02-30T00:00:00.000000Z", id: randomUUID() });
    const answer = await getQueue(request(`/api/queue?after=${after}`, { cookie: await sessionOf(editor), ip }), noParams);
    expect(answer.status).toBe(403);
    expect(await deniedCount(editor.id)).toBe(deniedBefore + 1);
    expect([await hits(`user:${editor.id}`), await hits(`ip:${ip}`)]).toEqual([1, 3]);

    // Any error of the read (here a division by zero at run time): the check and the count are
    // made again without it, and the use case reads for itself.
    const failing: SessionRead = {
      ...reviewQueueRead({})!,
      key: "test-failing-read",
      named: false,
      select: (head, gate) => sql`select ${head}, 1 / (select count(*)::int - count(*)::int from users) as x where ${gate}`,
      columns: 1,
    };
    const [row] = await rows<{ sv: number }>(sql`select session_version as sv from users where id = ${reviewer.id}`);
    const { user, rate } = await sessionUserAndCount({ userId: reviewer.id, sessionVersion: row!.sv }, ip, Date.now(), failing);
    expect(user?.id).toBe(reviewer.id);
    expect(rate?.allowed).toBe(true);
    expect(failing.rows).toBeNull();
    expect([await hits(`user:${reviewer.id}`), await hits(`ip:${ip}`)]).toEqual([3, 4]);
  });

  it("a session's request while the database is down is a 503 with Retry-After (the check and the count fail together)", async () => {
    const { editor } = await createActors("rl-session-down");
    const cookie = await sessionOf(editor);
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
    });
    const down = await openPostgres(`postgres://postgres@127.0.0.1:${port}/nowhere`, 2, APP_DATABASE_LIMITS);
    setDatabase(down);
    try {
      for (const answer of [await viaSession(cookie, "198.51.100.31"), await list(undefined, "198.51.100.31")]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("2");
        expect(errorBodySchema.parse(await answer.json()).error.code).toBe("unavailable");
      }
    } finally {
      setDatabase(db.handle());
      await down.close();
    }
  });
});
