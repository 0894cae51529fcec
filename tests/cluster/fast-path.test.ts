import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { A, B, call, DEMO, login, sleep } from "./support";

/**
 * server.mjs answers its hottest JSON routes without Next.js's router (lib/http/fast-path.mjs).
 * tests/cluster/run.mjs starts instance A as shipped and instance B with FAST_ROUTES=off (every
 * request through Next.js), on one database: the same request to each must get the same answer —
 * status, JSON body, headers (security headers of next.config.js, Cache-Control, RateLimit-*,
 * WWW-Authenticate, Retry-After, Vary, gzip…). A runs with FAST_ROUTES=mark: its answers served
 * without Next.js say so (`X-Served-By`), so the test knows which way each was served.
 */
/** Compared apart (`date` not at all): the same framing on both sides. */
const TRANSPORT = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
/** Counters and clocks: the same header on both sides, a value that moves between two requests. */
const MOVING = new Set(["ratelimit-remaining", "ratelimit-reset", "retry-after"]);

interface Raw {
  status: number;
  headers: Record<string, string>;
  transport: Record<string, string>;
  servedBy: string | null;
  body: string;
}

async function raw(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: init.headers,
    body: init.body,
    redirect: "manual",
  });
  const headers: Record<string, string> = {};
  const transport: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (name === "x-served-by" || name === "date") continue;
    if (TRANSPORT.has(name)) transport[name] = value;
    else headers[name] = MOVING.has(name) && /^\d+$/.test(value) ? "<number>" : value;
  }
  return {
    status: res.status,
    headers,
    transport,
    servedBy: res.headers.get("x-served-by"),
    body: await res.text(),
  } satisfies Raw;
}

/**
 * A GET through node:http, which (unlike fetch) sends no `Accept-Encoding`, as load balancers and
 * many API clients ask; counters masked as `raw` masks them.
 */
function plainGet(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          const answered: Record<string, string> = {};
          const transport: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (name === "x-served-by" || name === "date" || value === undefined) continue;
            const text = Array.isArray(value) ? value.join(", ") : value;
            if (TRANSPORT.has(name)) transport[name] = text;
            else answered[name] = MOVING.has(name) && /^\d+$/.test(text) ? "<number>" : text;
          }
          const servedBy = res.headers["x-served-by"];
          resolve({
            status: res.statusCode ?? 0,
            headers: answered,
            transport,
            servedBy: typeof servedBy === "string" ? servedBy : null,
            body,
          });
        });
      })
      .on("error", reject);
  });
}

/**
 * A queue item's age in whole seconds: the two requests may fall on either side of a second's turn
 * (it failed once so), and that is not a difference between the two ways of serving.
 */
const unaged = (body: string) => body.replace(/"waitingSeconds":\d+/g, '"waitingSeconds":0');

/** The answers of A (fast path) and B (Next.js) to the same request, with what may differ masked. */
async function both(path: string, init: Parameters<typeof raw>[2] = {}, mask: (body: string) => string = unaged) {
  const [a, b] = [await raw(A, path, init), await raw(B, path, init)];
  return { a: { ...a, body: mask(a.body) }, b: { ...b, body: mask(b.body) } };
}

function expectSame({ a, b }: Awaited<ReturnType<typeof both>>, served = true) {
  expect({ status: a.status, headers: a.headers, body: a.body }).toEqual({ status: b.status, headers: b.headers, body: b.body });
  expect(a.transport).toEqual(b.transport);
  // A's own answer (not Next.js's) when the route is one the fast path serves; B never.
  expect([a.servedBy, b.servedBy]).toEqual([served ? "server.mjs" : null, null]);
}

const BODY = "The new quay opened in 2019, the port authority says. It now handles 40 ships a week.";
let reviewer: { cookie: string };
let editor: { cookie: string };
let claim: { id: string; version: number };

beforeAll(async () => {
  reviewer = await login(A, DEMO.reviewer);
  editor = await login(A, DEMO.editor);
  // A draft claim to write to, and one in review so that the queue has a page to show.
  const article = await call(A, editor, "/api/articles", { method: "POST", body: { title: `Fast ${Date.now()}`, body: BODY } });
  expect(article.status).toBe(201);
  const mark = (exact: string) =>
    call(A, editor, `/api/articles/${article.json.article.id}/claims`, { method: "POST", body: { exact } });
  const [draft, other] = [await mark("The new quay opened in 2019"), await mark("It now handles 40 ships a week")];
  expect([draft.status, other.status]).toEqual([201, 201]);
  claim = { id: draft.json.claim.id, version: draft.json.claim.version };
  let c = other.json.claim;
  const edited = await call(A, editor, `/api/claims/${c.id}`, {
    method: "PATCH",
    body: { version: c.version, verdict: "verified", rationale: "The port authority's notice of opening." },
  });
  c = edited.json.claim;
  const source = await call(A, editor, `/api/claims/${c.id}/sources`, {
    method: "POST",
    body: { claimVersion: c.version, url: "https://example.org/quay-notice", title: "Notice of opening", kind: "primary" },
  });
  c = source.json.claim;
  expect((await call(A, editor, `/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } })).status).toBe(
    200,
  );
  // Next.js loads each route module on its first request, and the module hands its handler to
  // server.mjs then: one request of each first.
  for (const base of [A, B]) {
    for (const path of ["/api/health", "/api/ready", "/api/queue", `/api/claims/${claim.id}`]) await fetch(`${base}${path}`);
  }
});

describe("the routes server.mjs serves itself answer exactly as through Next.js", () => {
  it("GET /api/health and /api/ready", async () => {
    expectSame(await both("/api/health"));
    expectSame(await both("/api/ready"));
    const health = await raw(A, "/api/health");
    expect(JSON.parse(health.body)).toEqual({ status: "ok", database: "postgres" });
    // Without Accept-Encoding (a load balancer's check): A writes these answers without the
    // compression middleware, and must still answer as Next.js does (Vary included).
    for (const path of ["/api/health", "/api/ready"]) {
      expectSame({ a: await plainGet(A, path), b: await plainGet(B, path) });
    }
    expect((await plainGet(A, "/api/health")).headers.vary).toContain("Accept-Encoding");
    // The security headers of next.config.js, as on every answer.
    expect(health.headers).toMatchObject({
      "content-security-policy": expect.stringContaining("default-src 'none'"),
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
  });

  it("GET /api/queue: a page, anonymous, a bad token, a forbidden role, bad addresses", async () => {
    const page = await both("/api/queue", { headers: { cookie: reviewer.cookie } });
    expectSame(page);
    expect(JSON.parse(page.a.body).items.length).toBeGreaterThan(0);
    expect(page.a.headers["ratelimit-limit"]).toMatch(/^\d+$/);
    expectSame(await both("/api/queue?verdict=false&limit=2", { headers: { cookie: reviewer.cookie } }));
    expectSame(await both("/api/queue"));
    expectSame(await both("/api/queue", { headers: { cookie: editor.cookie } }));
    expectSame(await both("/api/queue", { headers: { authorization: "Bearer not-a-token" } }));
    expectSame(await both("/api/queue", { headers: { cookie: "authjs.session-token=forged" } }));
    expectSame(await both("/api/queue?verdict=%00", { headers: { cookie: reviewer.cookie } }));
    expectSame(await both("/api/queue?q=%E0%A4%A", { headers: { cookie: reviewer.cookie } }));
    expectSame(await both("/api/queue?limit=many", { headers: { cookie: reviewer.cookie } }));
    // Not the fast path's to serve: handed to Next.js on both.
    expectSame(await both("/api/queue/", { headers: { cookie: reviewer.cookie } }), false);
    // Without Accept-Encoding: A writes the page without the compression middleware (Vary as
    // Next.js's gets it), from the request's head alone (no Web Request); a refusal too.
    for (const cookie of [reviewer.cookie, editor.cookie]) {
      const [a, b] = [await plainGet(A, "/api/queue", { cookie }), await plainGet(B, "/api/queue", { cookie })];
      expectSame({ a: { ...a, body: unaged(a.body) }, b: { ...b, body: unaged(b.body) } });
    }
    expect((await plainGet(A, "/api/queue", { cookie: reviewer.cookie })).headers.vary).toContain("Accept-Encoding");
  });

  it("PATCH /api/claims/:id: cross-site, malformed, unknown, stale and accepted writes", async () => {
    const json = { cookie: editor.cookie, "content-type": "application/json" };
    const patch = (body: string, headers: Record<string, string> = json) => ({ method: "PATCH", headers, body });
    const path = `/api/claims/${claim.id}`;
    expectSame(await both(path, patch("{}", { ...json, origin: "https://elsewhere.example" })));
    expectSame(await both(path, patch("{}", { ...json, "sec-fetch-site": "cross-site" })));
    expectSame(await both(path, patch("{not json")));
    expectSame(await both(path, patch(JSON.stringify({ version: "one" }))));
    expectSame(await both(path, patch(JSON.stringify({ version: claim.version }), { "content-type": "application/json" })));
    expectSame(
      await both("/api/claims/00000000-0000-4000-8000-00000000dead", patch(JSON.stringify({ version: 1, rationale: "x" }))),
    );
    expectSame(await both(path, patch(JSON.stringify({ version: claim.version - 1, rationale: "Stale." }))));
    // A body past what the fast path reads whole: a stream there, as in Next.js.
    expectSame(await both(path, patch(JSON.stringify({ version: "one", rationale: "x".repeat(100_000) }))));
    // Percent-encoding in the id: Next.js's to decode, on both.
    expectSame(await both("/api/claims/%00", patch("{}")), false);

    // Accepted on each: the same status and headers; the claim's version moves on.
    const first = await raw(A, path, patch(JSON.stringify({ version: claim.version, rationale: "Checked on A." })));
    const version = JSON.parse(first.body).claim.version as number;
    const second = await raw(B, path, patch(JSON.stringify({ version, rationale: "Checked on B." })));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers).toEqual(second.headers);
    expect(JSON.parse(second.body).claim.version).toBe(version + 1);
    expect(Object.keys(JSON.parse(first.body).claim).sort()).toEqual(Object.keys(JSON.parse(second.body).claim).sort());
  });

  it("429 with Retry-After and RateLimit-* once a token's limit is spent (the counter is shared)", async () => {
    const perToken = Number(process.env.RATE_LIMIT_PER_TOKEN);
    expect(perToken).toBeGreaterThan(0);
    const made = await call(B, reviewer, "/api/tokens", { method: "POST", body: { name: "fast path", scopes: ["read"] } });
    expect(made.status).toBe(201);
    const headers = { authorization: `Bearer ${made.json.secret as string}` };
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await sleep(left + 500);
    for (let i = 0; i < perToken; i++) expect((await raw(i % 2 ? B : A, "/api/queue?limit=1", { headers })).status).toBe(200);
    const refused = await both("/api/queue?limit=1", { headers }, (body) =>
      body.replace(/in \d+ s\./, "in <n> s.").replace(/"retryAfter":\d+/, '"retryAfter":0'),
    );
    expectSame(refused);
    expect(refused.a.status).toBe(429);
    expect(refused.a.headers).toMatchObject({ "retry-after": "<number>", "ratelimit-remaining": "<number>" });
  });
});
