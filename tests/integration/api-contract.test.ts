/**
 * The OpenAPI document (lib/api/routes.ts → /api/openapi.json) against the app: every route file
 * under app/api/ and each method it exports is documented, and nothing else is; every documented
 * route is called through its real handler (the `GET`/`POST`/… export, with a Request carrying an
 * API token, against a real database), and each answer's status must be documented and its body
 * must match the document's schema for that status: the zod schema the document was generated
 * from, parsed strictly (a field the schema lacks fails, as `additionalProperties: false` would).
 *
 * One file over 400 lines: one scenario walks the routes in the order a desk uses them (an article,
 * a claim to approval, its report…), each step needing the ids of the one before.
 *
 * Session cookies are not used: route handlers read them through next/headers, which needs a
 * Next.js request scope; tokens go through the same apiRoute wrapper and the same use cases.
 */
import "../support/allow-loopback";
import "../support/auth-secret";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_SCOPES, ROLES, type Role } from "../../domain/vocabulary";
import { buildOpenApiDocument, openApiDocument, responsesOf } from "../../lib/api/openapi";
import { API_ROUTES, type RouteSpec } from "../../lib/api/routes";
import { PERMISSION_SCOPE, PERMISSIONS, scopesAllowedFor } from "../../lib/auth/permissions";
import { SCHEDULED_JOBS } from "../../lib/jobs/job-names";
import { markDueClaims } from "../../lib/recheck/mark-due-claims";
import { createApiToken } from "../../lib/tokens/create-token";
import { getDb } from "../../lib/database";
import { getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue";
import { enqueueWebhookEvent } from "../../lib/webhooks/enqueue-webhook-event";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";
import { startLocalServer } from "../support/local-server";

const APP = path.join(process.cwd(), "app");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Route files under app/api/ that are not part of the JSON API, and why. */
const NOT_DOCUMENTED: Record<string, string> = {
  "api/auth/[...nextauth]/route.ts":
    "Auth.js's own endpoints (csrf, credentials callback, session, sign-out): a form-encoded login protocol that Auth.js defines, not the desk's JSON API; docs/api.md describes how to log in with it.",
  "api/[...path]/route.ts":
    "The catch-all that answers unknown /api addresses with the JSON 404: it is the absence of an endpoint, not one.",
};

/** Documented routes that the test cannot drive to a success answer through a handler, and why. */
const NO_SUCCESS_CALL: Record<string, string> = {
  "GET /api/articles/{id}/live":
    "An endless event stream (the call reads the whole body); tests/integration/live-updates.test.ts reads its events through the same use case.",
  "POST /api/tokens":
    "Tokens are made from a signed-in session only (a token is refused with 403), and a session needs a Next.js request scope; its 201 schema is checked against createApiToken's real answer instead.",
};

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** "api/claims/[id]/comments/[commentId]/route.ts" → "/api/claims/{id}/comments/{commentId}" */
function apiPathOf(relativeFile: string): string {
  const segments = path.dirname(relativeFile).split(path.sep);
  return "/" + segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
}

function fileOf(apiPath: string): string {
  return path.join(
    APP,
    ...apiPath
      .slice(1)
      .split("/")
      .map((s) => s.replace(/^\{(\w+)\}$/, "[$1]")),
    "route.ts",
  );
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

async function handlersOf(file: string): Promise<Record<string, Handler>> {
  const mod = (await import(file)) as Record<string, unknown>;
  return Object.fromEntries(HTTP_METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as Handler]));
}

const key = (route: Pick<RouteSpec, "method" | "path">) => `${route.method} ${route.path}`;

describe("API contract", () => {
  useTestDatabase();
  const successes = new Set<string>();
  const seen = new Map<string, Set<number>>();
  let a: Awaited<ReturnType<typeof createActors>>;
  const tokens = { editor: "", editor2: "", reviewer: "", admin: "", readOnly: "" };
  let server: Awaited<ReturnType<typeof startLocalServer>>;

  beforeAll(async () => {
    a = await createActors("contract");
    const token = async (actor: (typeof a)["editor"], scopes: ("read" | "write" | "review" | "admin")[]) =>
      (await createApiToken(actor, { name: `contract ${actor.role}`, scopes })).secret;
    tokens.editor = await token(a.editor, ["read", "write"]);
    tokens.editor2 = await token(a.editor2, ["read", "write"]);
    tokens.reviewer = await token(a.reviewer, ["read", "write", "review"]);
    tokens.admin = await token(a.admin, ["read", "write", "review", "admin"]);
    tokens.readOnly = await token(a.editor, ["read"]);
    const page = fs.readFileSync(new URL("../fixtures/pages/news-article.html", import.meta.url), "utf8");
    server = await startLocalServer({
      "/article": (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page),
      "/hook": (req, res) => req.resume().on("end", () => res.writeHead(204).end()),
    });
  });
  afterAll(async () => {
    await server?.close();
    await stopJobQueue();
  });

  interface CallOptions {
    token?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  }

  /**
   * Calls the documented route's handler and checks the answer against the document: the status
   * is one it lists, and the body matches that status's schema.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each answer is checked against its schema at run time; the test then reads it freely
  async function call(operation: string, options: CallOptions = {}): Promise<{ status: number; body: any; response: Response }> {
    const route = API_ROUTES.find((r) => key(r) === operation);
    if (!route) throw new Error(`${operation} is not in the document`);
    const params = options.params ?? {};
    const urlPath = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (!(name in params)) throw new Error(`${operation}: no value for {${name}}`);
      return encodeURIComponent(params[name]!);
    });
    const url = new URL(`http://desk.test${urlPath}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { "x-forwarded-host": "desk.test" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers["content-type"] = "application/json";
    const request = new Request(url, { method: route.method, headers, body: payload });
    const handler = (await handlersOf(fileOf(route.path)))[route.method];
    expect(handler, `${operation}: the route file exports no ${route.method}`).toBeTypeOf("function");
    const response = await handler!(request, { params: Promise.resolve(params) });

    const status = response.status;
    const spec = responsesOf(route)[status];
    const text = await response.text();
    expect(spec, `${operation} answered ${status}, which the document does not list: ${text.slice(0, 300)}`).toBeDefined();
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    let body: unknown = text;
    if (spec!.schema) {
      expect(contentType, `${operation} ${status}`).toBe("application/json");
      body = JSON.parse(text);
      const parsed = spec!.schema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, `${operation} ${status}: the body does not match the document`).toEqual(
        [],
      );
      // Strict: the schema strips fields it does not know, so an undocumented field shows here.
      expect(parsed.data, `${operation} ${status}: the body has fields the document does not list`).toEqual(body);
    } else {
      expect(spec!.contentTypes, `${operation} ${status}: the document names no body type`).toContain(contentType);
    }
    if (status < 300) successes.add(operation);
    seen.set(operation, (seen.get(operation) ?? new Set()).add(status));
    return { status, body, response };
  }

  it("documents every route file and method under app/api, and nothing else", async () => {
    const onDisk = new Set<string>();
    const files = walk(path.join(APP, "api"))
      .filter((f) => path.basename(f) === "route.ts")
      .map((f) => path.relative(APP, f));
    for (const file of Object.keys(NOT_DOCUMENTED)) expect(files, `excluded route file ${file} no longer exists`).toContain(file);
    for (const file of files) {
      if (file in NOT_DOCUMENTED) continue;
      for (const method of Object.keys(await handlersOf(path.join(APP, file)))) onDisk.add(`${method} ${apiPathOf(file)}`);
    }
    const documented = new Set<string>();
    for (const [p, item] of Object.entries(openApiDocument().paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${p}`);
    }
    expect([...onDisk].filter((r) => !documented.has(r)).sort(), "route handlers missing from the OpenAPI document").toEqual([]);
    expect([...documented].filter((r) => !onDisk.has(r)).sort(), "documented routes with no handler").toEqual([]);
  });

  it("is a self-contained OpenAPI 3.1 document: every reference resolves, every operation names its auth", () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = /#\/components\/schemas\/([^"]+)"/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], `unresolved ${ref}`).toBeTruthy();
    }
    for (const route of API_ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      if (route.permission === null) {
        expect(op.security).toEqual([]);
      } else {
        expect(op.security).toContainEqual({ sessionCookie: [] });
        expect(op["x-token-scope"]).toMatch(/^(read|write|review|admin)$/);
        expect(op.responses["401"]).toBeDefined();
      }
      // Path parameters named in the path are the ones described.
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(route.pathParams ?? {}), key(route)).toEqual(inPath);
    }
  });

  it("answers every documented route as documented", async () => {
    // Public
    expect((await call("GET /api/health")).body.status).toBe("ok");
    expect((await call("GET /api/ready")).body.status).toBe("ok");
    const doc = await call("GET /api/openapi.json");
    expect(doc.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc.response.headers.get("cache-control")).toMatch(/public/);
    const page = await call("GET /api/docs");
    expect(page.body).toContain('POST</span><span class="sig">/api/claims/{id}/review');
    expect(page.response.headers.get("content-security-policy")).toContain("default-src 'none'");

    // Articles
    const preview = await call("POST /api/articles/preview-url", { token: tokens.editor, body: { url: server.url("/article") } });
    expect(preview.body.preview.title).toContain("defence");
    const created = await call("POST /api/articles", {
      token: tokens.editor,
      body: {
        title: "Defence and jobs",
        body: "UK defence spending is 2.3% of GDP, Keir Starmer said on Monday.\n\nUnemployment rose to 4.2 per cent in 2024, the minister said.\n\nHospital waiting lists fell by 10,000 in March.",
        publisher: "The Example Courier",
      },
    });
    expect(created.status).toBe(201);
    const article = created.body.article;
    const list = await call("GET /api/articles", { token: tokens.readOnly, query: { limit: "5" } });
    expect(list.body.articles.map((x: { id: string }) => x.id)).toContain(article.id);
    await call("GET /api/articles/{id}", { token: tokens.readOnly, params: { id: article.slug } });
    const patched = await call("PATCH /api/articles/{id}", {
      token: tokens.editor,
      params: { id: article.id },
      body: { version: article.version, author: "Priya Raman" },
    });
    expect(patched.body.article.author).toBe("Priya Raman");
    const suggestions = await call("GET /api/articles/{id}/suggestions", { token: tokens.editor, params: { id: article.id } });
    expect((await call("GET /api/articles/{id}/viewers", { token: tokens.editor, params: { id: article.id } })).body).toEqual({
      viewers: [],
    });
    const suggestion = suggestions.body.suggestions.find((s: { exact: string }) => s.exact.includes("Unemployment"));
    expect(suggestion).toBeDefined();
    const dismissal = { start: suggestion.start, end: suggestion.end };
    expect(
      (
        await call("POST /api/articles/{id}/suggestions/dismissals", {
          token: tokens.editor,
          params: { id: article.id },
          body: dismissal,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("POST /api/articles/{id}/suggestions/dismissals", {
          token: tokens.editor,
          params: { id: article.id },
          body: dismissal,
        })
      ).status,
    ).toBe(200);

    // A claim from marking to approval
    const marked = await call("POST /api/articles/{id}/claims", {
      token: tokens.editor,
      params: { id: article.id },
      body: { exact: "UK defence spending is 2.3% of GDP", claimant: "Keir Starmer" },
    });
    let claim = marked.body.claim;
    const id = { id: claim.id };
    claim = (await call("GET /api/claims/{id}", { token: tokens.readOnly, params: id })).body.claim;
    claim = (
      await call("PATCH /api/claims/{id}", {
        token: tokens.editor,
        params: id,
        body: { version: claim.version, verdict: "verified", rationale: "Checked against NATO's published estimates." },
      })
    ).body.claim;
    const stale = await call("PATCH /api/claims/{id}", {
      token: tokens.editor,
      params: id,
      body: { version: 1, statement: "x" },
    });
    expect([stale.status, stale.body.error.code, stale.body.error.current.id]).toEqual([409, "conflict", claim.id]);
    let change = await call("POST /api/claims/{id}/sources", {
      token: tokens.editor,
      params: id,
      body: { url: "https://www.nato.int/estimates", title: "NATO defence expenditure", claimVersion: claim.version },
    });
    expect(change.status).toBe(201);
    const source = change.body.source;
    change = await call("PATCH /api/claims/{id}/sources/{sourceId}", {
      token: tokens.editor,
      params: { ...id, sourceId: source.id },
      body: { publisher: "NATO", claimVersion: change.body.claim.version },
    });
    const extra = await call("POST /api/claims/{id}/sources", {
      token: tokens.editor,
      params: id,
      body: { url: "https://example.org/blog", title: "A blog post", claimVersion: change.body.claim.version },
    });
    change = await call("DELETE /api/claims/{id}/sources/{sourceId}", {
      token: tokens.editor,
      params: { ...id, sourceId: extra.body.source.id },
      body: { claimVersion: extra.body.claim.version },
    });
    expect(change.body.source).toBeNull();
    claim = (
      await call("POST /api/claims/{id}/submit", {
        token: tokens.editor,
        params: id,
        body: { version: change.body.claim.version },
      })
    ).body.claim;
    expect(claim.status).toBe("in_review");
    const queue = await call("GET /api/queue", { token: tokens.reviewer, query: { limit: "10" } });
    expect(queue.body.items.map((x: { claimId: string }) => x.claimId)).toContain(claim.id);
    claim = (
      await call("POST /api/claims/{id}/assign", { token: tokens.reviewer, params: id, body: { reviewerId: a.reviewer.id } })
    ).body.claim;
    const comment = await call("POST /api/claims/{id}/comments", {
      token: tokens.reviewer,
      params: id,
      body: { body: "Which year's estimate?" },
    });
    expect(comment.status).toBe(201);
    await call("PATCH /api/claims/{id}/comments/{commentId}", {
      token: tokens.reviewer,
      params: { ...id, commentId: comment.body.comment.id },
      body: { body: "Which year's NATO estimate?", version: comment.body.comment.version },
    });
    await call("GET /api/claims/{id}/comments", { token: tokens.editor, params: id });
    const fourEyes = await call("POST /api/claims/{id}/review", {
      token: tokens.admin,
      params: id,
      body: { version: claim.version, decision: "approve" },
    });
    expect(fourEyes.status).toBe(200); // the admin neither created nor edited it
    claim = fourEyes.body.claim;
    expect(claim.status).toBe("approved");
    const history = await call("GET /api/claims/{id}/history", {
      token: tokens.editor,
      params: id,
      query: { tz: "Europe/London" },
    });
    expect(history.body.reviews).toHaveLength(1);
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    claim = (
      await call("POST /api/claims/{id}/recheck-date", {
        token: tokens.editor,
        params: id,
        body: { recheckBy: inAMonth, version: claim.version },
      })
    ).body.claim;
    expect(claim.recheckBy).toBe(inAMonth);

    // Reports
    const published = await call("POST /api/articles/{id}/publish", {
      token: tokens.editor,
      params: { id: article.id },
      body: { version: 0 },
    });
    expect(published.status).toBe(201);
    const file = await call("GET /api/articles/{id}/{file}", {
      token: tokens.readOnly,
      params: { id: article.id, file: "report.md" },
    });
    expect(file.body).toContain("UK defence spending");
    const badVariant = await call("GET /api/articles/{id}/{file}", {
      token: tokens.readOnly,
      params: { id: article.id, file: "report.md" },
      query: { variant: "secret" },
    });
    expect(badVariant.body.error.fields).toHaveProperty("variant");
    const cardUrl = `${published.body.url}#claim-${claim.id}`;
    const oembed = await call("GET /api/oembed", { query: { url: cardUrl, maxwidth: "400" } });
    expect(oembed.body.width).toBeLessThanOrEqual(400);
    expect((await call("GET /api/oembed", { query: { url: cardUrl, format: "xml" } })).status).toBe(501);
    expect((await call("GET /api/oembed", { query: { url: "https://elsewhere.example/x" } })).status).toBe(404);

    // Matching: the same claim in another article
    const other = (
      await call("POST /api/articles", {
        token: tokens.editor2,
        body: { title: "PM interview", body: "“We are at 2.3 per cent of GDP on defence spending,” Keir Starmer told the BBC." },
      })
    ).body.article;
    const twin = (
      await call("POST /api/articles/{id}/claims", {
        token: tokens.editor2,
        params: { id: other.id },
        body: { exact: "We are at 2.3 per cent of GDP on defence spending", claimant: "Keir Starmer" },
      })
    ).body.claim;
    const matches = await call("GET /api/claims/{id}/matches", { token: tokens.editor2, params: { id: twin.id } });
    expect(matches.body.matches.map((m: { claim: { id: string } }) => m.claim.id)).toContain(claim.id);
    const group = await call("POST /api/claims/{id}/matches", {
      token: tokens.editor2,
      params: { id: twin.id },
      body: { matchId: claim.id },
    });
    expect(group.status).toBe(201);

    // Re-checking (the daily job finds the date passed), and taking the report down
    const dayAfter = new Date(Date.parse(inAMonth) + 86_400_000).toISOString().slice(0, 10);
    expect(await markDueClaims(dayAfter)).toEqual({ marked: 1 });
    const due = await call("GET /api/recheck", { token: tokens.editor, query: { state: "waiting" } });
    expect(due.body.items.map((x: { id: string }) => x.id)).toEqual([claim.id]);
    claim = (await call("GET /api/claims/{id}", { token: tokens.editor, params: id })).body.claim;
    claim = (
      await call("POST /api/claims/{id}/recheck", {
        token: tokens.editor,
        params: id,
        body: { version: claim.version, note: "New NATO figures are out." },
      })
    ).body.claim;
    expect(claim.status).not.toBe("approved");
    expect(
      (await call("POST /api/articles/{id}/unpublish", { token: tokens.editor, params: { id: article.id } })).body.unpublished,
    ).toBeGreaterThan(0);
    expect((await call("GET /api/oembed", { query: { url: cardUrl } })).status).toBe(410);

    // Withdraw and delete a draft
    const draft = (
      await call("POST /api/articles/{id}/claims", {
        token: tokens.editor,
        params: { id: article.id },
        body: { exact: "Hospital waiting lists fell by 10,000 in March" },
      })
    ).body.claim;
    let d = (
      await call("PATCH /api/claims/{id}", {
        token: tokens.editor,
        params: { id: draft.id },
        body: { version: draft.version, verdict: "false", rationale: "They rose." },
      })
    ).body.claim;
    d = (
      await call("POST /api/claims/{id}/sources", {
        token: tokens.editor,
        params: { id: draft.id },
        body: { url: "https://www.england.nhs.uk/stats", title: "NHS statistics", claimVersion: d.version },
      })
    ).body.claim;
    d = (
      await call("POST /api/claims/{id}/submit", { token: tokens.editor, params: { id: draft.id }, body: { version: d.version } })
    ).body.claim;
    d = (
      await call("POST /api/claims/{id}/withdraw", {
        token: tokens.editor,
        params: { id: draft.id },
        body: { version: d.version },
      })
    ).body.claim;
    expect(d.status).toBe("draft");
    expect(
      (await call("DELETE /api/claims/{id}", { token: tokens.editor, params: { id: draft.id }, body: { version: d.version } }))
        .body.deleted,
    ).toBe(draft.id);

    // A corrected text
    const current = (await call("GET /api/articles/{id}", { token: tokens.editor, params: { id: article.id } })).body.article;
    const revised = await call("POST /api/articles/{id}/revisions", {
      token: tokens.editor,
      params: { id: article.id },
      body: { body: `${current.body}\n\nCorrection: the minister spoke on Tuesday.`, baseRevision: current.revision },
    });
    expect(revised.status).toBe(201);
    const same = await call("POST /api/articles/{id}/revisions", {
      token: tokens.editor,
      params: { id: article.id },
      body: { body: `${current.body}\n\nCorrection: the minister spoke on Tuesday.` },
    });
    expect([same.status, same.body.unchanged]).toEqual([200, true]);

    // Search
    const found = await call("GET /api/search", { token: tokens.readOnly, query: { q: "defence" } });
    expect(found.body.claims.results.length).toBeGreaterThan(0);

    // Tokens
    const listed = await call("GET /api/tokens", { token: tokens.editor });
    expect(listed.body.tokens.length).toBeGreaterThan(0);
    const throwaway = await createApiToken(a.editor, { name: "throwaway", scopes: ["read"] });
    expect(
      (await call("DELETE /api/tokens/{id}", { token: tokens.editor, params: { id: throwaway.token.id } })).body.revoked,
    ).toBe(throwaway.token.id);
    const byToken = await call("POST /api/tokens", {
      token: tokens.editor,
      body: { name: "minted by a token", scopes: ["read"] },
    });
    expect(byToken.status).toBe(403);
    const postTokens = API_ROUTES.find((r) => key(r) === "POST /api/tokens")!;
    const minted = JSON.parse(JSON.stringify(await createApiToken(a.editor, { name: "from a session", scopes: ["read"] })));
    expect(postTokens.responses[201]!.schema!.parse(minted)).toEqual(minted);

    // Admin
    const users = await call("GET /api/users", { token: tokens.admin });
    expect(users.body.users.length).toBeGreaterThanOrEqual(5);
    const newUser = await call("POST /api/users", {
      token: tokens.admin,
      body: { email: "contract-new@example.com", name: "New Editor", role: "editor", password: "a long enough passphrase" },
    });
    expect(newUser.status).toBe(201);
    await call("PATCH /api/users/{id}", {
      token: tokens.admin,
      params: { id: newUser.body.user.id },
      body: { name: "Renamed Editor" },
    });
    const audit = await call("GET /api/audit", { token: tokens.admin, query: { limit: "20", action: "claim." } });
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect((await call("POST /api/jobs/run", { token: tokens.admin, body: { name: SCHEDULED_JOBS[0] } })).status).toBe(202);

    // Webhooks: an endpoint, one event for it (as an approval or a publication writes it), the log, a redelivery.
    const hook = await call("POST /api/webhooks", {
      token: tokens.admin,
      body: { name: "CMS", url: server.url("/hook"), events: ["report.unpublished"] },
    });
    expect(hook.status).toBe(201);
    const hookId = { id: hook.body.webhook.id as string };
    expect((await call("GET /api/webhooks", { token: tokens.admin })).body.webhooks).toHaveLength(1);
    await call("GET /api/webhooks/{id}", { token: tokens.admin, params: hookId });
    await call("PATCH /api/webhooks/{id}", { token: tokens.admin, params: hookId, body: { version: 1, name: "CMS feed" } });
    await getJobQueue();
    const event = {
      article: { id: article.id, slug: article.slug },
      report: { url: "http://desk.test/r", versions: [1], unpublishedAt: new Date().toISOString() },
    };
    await (await getDb()).transaction((tx) => enqueueWebhookEvent(tx, "report.unpublished", event));
    const log = await call("GET /api/webhooks/{id}/deliveries", { token: tokens.admin, params: hookId, query: { page: "1" } });
    expect(log.body.deliveries).toHaveLength(1);
    const redelivered = await call("POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver", {
      token: tokens.admin,
      params: { ...hookId, deliveryId: log.body.deliveries[0].id },
    });
    expect(redelivered.body).toMatchObject({ status: "succeeded", attempt: { statusCode: 204 } });
    await call("DELETE /api/webhooks/{id}", { token: tokens.admin, params: hookId });

    // Refusals, in the JSON error shape
    const unknownToken = await call("GET /api/claims/{id}", { token: `fcd_${"x".repeat(43)}`, params: id });
    expect([unknownToken.status, unknownToken.response.headers.get("www-authenticate")]).toEqual([
      401,
      expect.stringContaining("Bearer"),
    ]);
    expect((await call("POST /api/articles", { token: tokens.readOnly, body: { title: "x", body: "y" } })).status).toBe(403);
    expect(
      (await call("GET /api/claims/{id}", { token: tokens.readOnly, params: { id: "00000000-0000-4000-8000-000000000000" } }))
        .status,
    ).toBe(404);
    const invalid = await call("POST /api/articles", { token: tokens.editor, body: { title: "", body: "Text.", surprise: 1 } });
    expect([invalid.status, Object.keys(invalid.body.error.fields).sort()]).toEqual([422, ["surprise", "title"]]);
    expect((await call("POST /api/articles", { token: tokens.editor, rawBody: "{not json" })).status).toBe(400);
    expect((await call("GET /api/users", { token: tokens.editor })).status).toBe(403);
  });

  it("refuses each authenticated route to the roles and the token scopes the document says it needs, and only those", async () => {
    // A role without the permission, or a token without its scope, gets 403 before anything is
    // read or validated; a role with it and a token with the scope get past the gate (here to a
    // 404 or a 422: unknown ids, and a body no schema accepts, so nothing changes).
    const nobody = "00000000-0000-4000-8000-000000000000";
    const allScopes = async (actor: (typeof a)["editor"]) =>
      (await createApiToken(actor, { name: `all ${actor.role}`, scopes: scopesAllowedFor(actor.role) })).secret;
    const byRole: Record<Role, string> = {
      editor: await allScopes(a.editor),
      reviewer: await allScopes(a.reviewer),
      admin: await allScopes(a.admin),
    };
    const allBut: Record<string, string> = {};
    for (const scope of API_TOKEN_SCOPES) {
      allBut[scope] = (
        await createApiToken(a.admin, { name: `all but ${scope}`, scopes: API_TOKEN_SCOPES.filter((x) => x !== scope) })
      ).secret;
    }
    const gated = (route: RouteSpec, token: string) =>
      call(key(route), {
        token,
        params: Object.fromEntries(
          Object.keys(route.pathParams ?? {}).map((name) => [name, name === "file" ? "report.md" : nobody]),
        ),
        ...(route.body ? { body: { notAField: true } } : {}),
        ...(route.query ? { query: { notAParameter: "x" } } : {}),
      });
    const wrong: string[] = [];
    for (const route of API_ROUTES) {
      if (!route.permission) continue;
      const roles: readonly Role[] = PERMISSIONS[route.permission];
      for (const role of ROLES) {
        const { status } = await gated(route, byRole[role]);
        const refused = status === 401 || status === 403;
        if (refused === roles.includes(role) && !route.sessionOnly) wrong.push(`${key(route)} as ${role}: ${status}`);
      }
      const { status } = await gated(route, allBut[PERMISSION_SCOPE[route.permission]]!);
      if (status !== 403) wrong.push(`${key(route)} without the ${PERMISSION_SCOPE[route.permission]} scope: ${status}`);
    }
    expect(wrong, "routes whose documented roles or token scope are not what the route enforces").toEqual([]);
  });

  it("called every documented route with an answer of success", () => {
    const missing = API_ROUTES.map(key).filter((op) => !successes.has(op) && !(op in NO_SUCCESS_CALL));
    expect(missing, "documented routes the contract test never drove to a success").toEqual([]);
    for (const op of Object.keys(NO_SUCCESS_CALL)) expect(seen.get(op)?.size, `${op} was never called`).toBeGreaterThan(0);
  });
});
