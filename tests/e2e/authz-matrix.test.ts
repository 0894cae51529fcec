/**
 * Deny by default, shown: every page, route handler and server action × every kind of user, with
 * the answer each must get. Entry points are discovered from app/ and from the build's server
 * action manifest, so a new one that is missing here fails the test.
 *
 * Writes are sent with an input that fails validation: a user who passes the permission gate gets
 * 422 (lib/ authorizes before it validates), one who does not gets 401/403, and nothing changes.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSession, BASE_URL, credentialsLogin, DEMO, DEMO_PASSWORD } from "./support";

const ROLES = ["anon", "editor", "editor2", "reviewer", "admin", "disabled"] as const;
type Role = (typeof ROLES)[number];
/** 200/403/404/422… a status; "login": redirected to the login page; "redirect": any other redirect. */
type Expected = number | "login" | "redirect";
type ActionOutcome =
  "ok" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "redirect" | "error" | `code:${string}`;

const app = path.join(process.cwd(), "app");

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function routeOf(file: string): string {
  const rel = path
    .relative(app, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + rel.join("/");
}

function discoverEntryPoints(): string[] {
  const files = walk(app);
  const pages = files.filter((f) => f.endsWith("page.tsx")).map((f) => `PAGE ${routeOf(f)}`);
  const routes = files
    .filter((f) => f.endsWith("route.ts"))
    .flatMap((f) => {
      const src = fs.readFileSync(f, "utf8");
      const methods = new Set<string>();
      for (const m of src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
        methods.add(m[1]!);
      for (const m of src.matchAll(/export\s+const\s*\{\s*([^}]+)\}/g))
        for (const name of m[1]!.split(",")) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name.trim())) methods.add(name.trim());
      return [...methods].map((m) => `${m} ${routeOf(f)}`);
    });
  const actions = files
    .filter((f) => f.includes(`${path.sep}actions${path.sep}`) && f.endsWith(".ts"))
    .flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(/export\s+async\s+function\s+(\w+)/g)].map(
        (m) => `ACTION ${path.basename(f, ".ts")}.${m[1]}`,
      ),
    );
  return [...pages, ...routes, ...actions].sort();
}

// ——— fixtures ———
type Api = Awaited<ReturnType<typeof apiSession>>;
const sessions = {} as Record<Exclude<Role, "anon">, Api>;
const ids = { article: "", slug: "", claim: "", source: "", comment: "", user: "" };

/** Raw request as a role, without following redirects. */
async function request(
  role: Role,
  p: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (role !== "anon") headers.cookie = sessionCookies.get(role)!;
  return fetch(`${BASE_URL}${p}`, { method: init.method ?? "GET", headers, body: init.body, redirect: "manual" });
}
const sessionCookies = new Map<Role, string>();

async function loginCookie(email: string, password = DEMO_PASSWORD): Promise<string> {
  const { cookie } = await credentialsLogin(email, password);
  if (!cookie.includes("session-token")) throw new Error(`login failed for ${email}`);
  return cookie;
}

beforeAll(async () => {
  sessions.editor = await apiSession(DEMO.editor);
  sessions.editor2 = await apiSession(DEMO.editor2);
  sessions.reviewer = await apiSession(DEMO.reviewer);
  sessions.admin = await apiSession(DEMO.admin);
  for (const [role, email] of [
    ["editor", DEMO.editor],
    ["editor2", DEMO.editor2],
    ["reviewer", DEMO.reviewer],
    ["admin", DEMO.admin],
  ] as const) {
    sessionCookies.set(role, await loginCookie(email));
  }
  // A user whose session was open when an admin disabled them.
  const email = `matrix-disabled-${Date.now()}@example.com`;
  const created = await sessions.admin("/api/users", {
    method: "POST",
    body: { email, name: "Disabled Dora", role: "editor", password: "dora's password" },
  });
  expect(created.status).toBe(201);
  ids.user = created.json.user.id;
  sessionCookies.set("disabled", await loginCookie(email, "dora's password"));
  expect((await sessions.admin(`/api/users/${ids.user}`, { method: "PATCH", body: { disabled: true } })).status).toBe(200);

  const article = await sessions.editor("/api/articles", {
    method: "POST",
    body: {
      title: `Matrix ${Date.now()}`,
      body: "Unemployment rose by 4.5% in 2023, the largest rise since 2009.\n\nThe mayor said the bridge cost £3.4bn.",
    },
  });
  ids.article = article.json.article.id;
  ids.slug = article.json.article.slug;
  const claim = await sessions.editor(`/api/articles/${ids.article}/claims`, {
    method: "POST",
    body: { exact: "Unemployment rose by 4.5% in 2023" },
  });
  ids.claim = claim.json.claim.id;
  const source = await sessions.editor(`/api/claims/${ids.claim}/sources`, {
    method: "POST",
    body: { url: "https://www.ons.gov.uk/x", title: "ONS", claimVersion: claim.json.claim.version },
  });
  ids.source = source.json.source.id;
  const comment = await sessions.editor(`/api/claims/${ids.claim}/comments`, {
    method: "POST",
    body: { body: "Check the base year." },
  });
  ids.comment = comment.json.comment.id;
});

// ——— expectations ———
const all = (e: Expected): Record<Role, Expected> => ({ anon: e, editor: e, editor2: e, reviewer: e, admin: e, disabled: e });
const deskPage = { anon: "login", disabled: "login", editor: 200, editor2: 200, reviewer: 200, admin: 200 } as const;
const writerPage = { ...deskPage, reviewer: 403 } as const;
const reviewerPage = { ...deskPage, editor: 403, editor2: 403 } as const;
const adminPage = { ...deskPage, editor: 403, editor2: 403, reviewer: 403 } as const;
const apiRead = { anon: 401, disabled: 401, editor: 200, editor2: 200, reviewer: 200, admin: 200 } as const;
const apiWrite = { anon: 401, disabled: 401, editor: 422, editor2: 422, reviewer: 403, admin: 422 } as const;
const apiReview = { anon: 401, disabled: 401, editor: 403, editor2: 403, reviewer: 422, admin: 422 } as const;
const apiAnyMember = { anon: 401, disabled: 401, editor: 422, editor2: 422, reviewer: 422, admin: 422 } as const;
const apiQueue = { anon: 401, disabled: 401, editor: 403, editor2: 403, reviewer: 200, admin: 200 } as const;
const apiAdminRead = { anon: 401, disabled: 401, editor: 403, editor2: 403, reviewer: 403, admin: 200 } as const;
const apiAdminWrite = { anon: 401, disabled: 401, editor: 403, editor2: 403, reviewer: 403, admin: 422 } as const;

const INVALID = JSON.stringify({ unexpectedField: true });
const NO_WEBHOOK = "00000000-0000-4000-8000-00000000beef";

interface HttpCase {
  path: () => string;
  method?: string;
  body?: string;
  expect: Record<Role, Expected>;
}

const HTTP: Record<string, HttpCase> = {
  "PAGE /": { path: () => "/", expect: deskPage },
  "PAGE /login": {
    path: () => "/login",
    expect: { anon: 200, disabled: 200, editor: "redirect", editor2: "redirect", reviewer: "redirect", admin: "redirect" },
  },
  "PAGE /admin": { path: () => "/admin", expect: adminPage },
  "PAGE /admin/audit": { path: () => "/admin/audit", expect: adminPage },
  "PAGE /admin/jobs": { path: () => "/admin/jobs", expect: adminPage },
  "PAGE /admin/webhooks": { path: () => "/admin/webhooks", expect: adminPage },
  // No such endpoint: an admin gets the 404 page, nobody else learns anything.
  "PAGE /admin/webhooks/[id]": { path: () => `/admin/webhooks/${NO_WEBHOOK}`, expect: { ...adminPage, admin: 404 } },
  "PAGE /sources/[sourceId]": { path: () => `/sources/${ids.source}`, expect: deskPage },
  "PAGE /tokens": { path: () => "/tokens", expect: deskPage },
  "PAGE /articles": { path: () => "/articles", expect: deskPage },
  "PAGE /articles/new": { path: () => "/articles/new", expect: writerPage },
  "PAGE /articles/[id]": { path: () => `/articles/${ids.article}`, expect: deskPage },
  "PAGE /articles/[id]/revise": { path: () => `/articles/${ids.article}/revise`, expect: writerPage },
  "PAGE /articles/[id]/revisions/[number]": { path: () => `/articles/${ids.article}/revisions/1`, expect: deskPage },
  "PAGE /queue": { path: () => "/queue", expect: reviewerPage },
  "PAGE /recheck": { path: () => "/recheck", expect: deskPage },
  "PAGE /dashboard": { path: () => "/dashboard", expect: deskPage },
  // A download beside a desk page: the proxy sends the anonymous to the login page like the page itself.
  "GET /dashboard/csv/[chart]": { path: () => "/dashboard/csv/activity", expect: { ...apiRead, anon: "login" } },
  "PAGE /review/[claimId]": { path: () => `/review/${ids.claim}`, expect: deskPage },
  "PAGE /search": { path: () => "/search?q=4.5+per+cent", expect: deskPage },
  "PAGE /notifications": { path: () => "/notifications", expect: deskPage },

  "GET /api/health": { path: () => "/api/health", expect: all(200) },
  "GET /api/ready": { path: () => "/api/ready", expect: all(200) },
  // The API's description, machine- and human-readable: public, it names no data.
  "GET /api/openapi.json": { path: () => "/api/openapi.json", expect: all(200) },
  "GET /api/docs": { path: () => "/api/docs", expect: all(200) },
  // Unknown API addresses: the JSON 404, for everyone.
  "GET /api/[...path]": { path: () => "/api/no-such-endpoint", expect: all(404) },
  "POST /api/[...path]": { path: () => "/api/no-such-endpoint", method: "POST", body: INVALID, expect: all(404) },
  "PUT /api/[...path]": { path: () => "/api/articles/x/y/z", method: "PUT", body: INVALID, expect: all(404) },
  "PATCH /api/[...path]": { path: () => "/api/no-such-endpoint", method: "PATCH", body: INVALID, expect: all(404) },
  "DELETE /api/[...path]": { path: () => "/api/no-such-endpoint", method: "DELETE", body: INVALID, expect: all(404) },
  "GET /api/auth/[...nextauth]": { path: () => "/api/auth/providers", expect: all(200) },
  // Auth.js's own endpoints: a sign-in without its CSRF token is refused for everyone.
  "POST /api/auth/[...nextauth]": { path: () => "/api/auth/callback/credentials", method: "POST", body: "", expect: all(400) },
  "GET /api/users": { path: () => "/api/users", expect: apiAdminRead },
  "POST /api/users": { path: () => "/api/users", method: "POST", body: INVALID, expect: apiAdminWrite },
  "PATCH /api/users/[id]": { path: () => `/api/users/${ids.user}`, method: "PATCH", body: INVALID, expect: apiAdminWrite },
  "GET /api/articles": { path: () => "/api/articles", expect: apiRead },
  "POST /api/articles": { path: () => "/api/articles", method: "POST", body: INVALID, expect: apiWrite },
  "POST /api/articles/preview-url": { path: () => "/api/articles/preview-url", method: "POST", body: INVALID, expect: apiWrite },
  "GET /api/articles/[id]": { path: () => `/api/articles/${ids.article}`, expect: apiRead },
  "PATCH /api/articles/[id]": { path: () => `/api/articles/${ids.article}`, method: "PATCH", body: INVALID, expect: apiWrite },
  "GET /api/audit": { path: () => "/api/audit", expect: apiAdminRead },
  "POST /api/articles/[id]/revisions": {
    path: () => `/api/articles/${ids.article}/revisions`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "POST /api/articles/[id]/claims": {
    path: () => `/api/articles/${ids.article}/claims`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "GET /api/articles/[id]/suggestions": { path: () => `/api/articles/${ids.article}/suggestions`, expect: apiRead },
  // The live-update stream (its body is not read: it stays open) and who has the article open.
  "GET /api/articles/[id]/live": { path: () => `/api/articles/${ids.article}/live`, expect: apiRead },
  "GET /api/articles/[id]/viewers": { path: () => `/api/articles/${ids.article}/viewers`, expect: apiRead },
  "POST /api/articles/[id]/suggestions/dismissals": {
    path: () => `/api/articles/${ids.article}/suggestions/dismissals`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "GET /api/claims/[id]": { path: () => `/api/claims/${ids.claim}`, expect: apiRead },
  "PATCH /api/claims/[id]": { path: () => `/api/claims/${ids.claim}`, method: "PATCH", body: INVALID, expect: apiWrite },
  "DELETE /api/claims/[id]": { path: () => `/api/claims/${ids.claim}`, method: "DELETE", body: INVALID, expect: apiWrite },
  "POST /api/claims/[id]/sources": {
    path: () => `/api/claims/${ids.claim}/sources`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "PATCH /api/claims/[id]/sources/[sourceId]": {
    path: () => `/api/claims/${ids.claim}/sources/${ids.source}`,
    method: "PATCH",
    body: INVALID,
    expect: apiWrite,
  },
  "DELETE /api/claims/[id]/sources/[sourceId]": {
    path: () => `/api/claims/${ids.claim}/sources/${ids.source}`,
    method: "DELETE",
    body: INVALID,
    expect: apiWrite,
  },
  "POST /api/claims/[id]/submit": {
    path: () => `/api/claims/${ids.claim}/submit`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "POST /api/claims/[id]/withdraw": {
    path: () => `/api/claims/${ids.claim}/withdraw`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "POST /api/claims/[id]/review": {
    path: () => `/api/claims/${ids.claim}/review`,
    method: "POST",
    body: INVALID,
    expect: apiReview,
  },
  "POST /api/claims/[id]/assign": {
    path: () => `/api/claims/${ids.claim}/assign`,
    method: "POST",
    body: INVALID,
    expect: apiReview,
  },
  "GET /api/claims/[id]/comments": { path: () => `/api/claims/${ids.claim}/comments`, expect: apiRead },
  "POST /api/claims/[id]/comments": {
    path: () => `/api/claims/${ids.claim}/comments`,
    method: "POST",
    body: INVALID,
    expect: apiAnyMember,
  },
  "PATCH /api/claims/[id]/comments/[commentId]": {
    path: () => `/api/claims/${ids.claim}/comments/${ids.comment}`,
    method: "PATCH",
    body: INVALID,
    expect: apiAnyMember,
  },
  "GET /api/claims/[id]/history": { path: () => `/api/claims/${ids.claim}/history`, expect: apiRead },
  "GET /api/claims/[id]/matches": { path: () => `/api/claims/${ids.claim}/matches`, expect: apiRead },
  "POST /api/claims/[id]/matches": {
    path: () => `/api/claims/${ids.claim}/matches`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "GET /api/queue": { path: () => "/api/queue", expect: apiQueue },
  "GET /api/recheck": { path: () => "/api/recheck", expect: apiRead },
  "POST /api/jobs/run": { path: () => "/api/jobs/run", method: "POST", body: INVALID, expect: apiAdminWrite },
  "POST /api/claims/[id]/recheck-date": {
    path: () => `/api/claims/${ids.claim}/recheck-date`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "POST /api/claims/[id]/recheck": {
    path: () => `/api/claims/${ids.claim}/recheck`,
    method: "POST",
    body: INVALID,
    expect: apiWrite,
  },
  "GET /api/webhooks": { path: () => "/api/webhooks", expect: apiAdminRead },
  "POST /api/webhooks": { path: () => "/api/webhooks", method: "POST", body: INVALID, expect: apiAdminWrite },
  "GET /api/webhooks/[id]": { path: () => `/api/webhooks/${NO_WEBHOOK}`, expect: { ...apiAdminRead, admin: 404 } },
  "PATCH /api/webhooks/[id]": {
    path: () => `/api/webhooks/${NO_WEBHOOK}`,
    method: "PATCH",
    body: INVALID,
    expect: apiAdminWrite,
  },
  "DELETE /api/webhooks/[id]": {
    path: () => `/api/webhooks/${NO_WEBHOOK}`,
    method: "DELETE",
    expect: { ...apiAdminRead, admin: 404 },
  },
  "GET /api/webhooks/[id]/deliveries": {
    path: () => `/api/webhooks/${NO_WEBHOOK}/deliveries`,
    expect: { ...apiAdminRead, admin: 404 },
  },
  "POST /api/webhooks/[id]/deliveries/[deliveryId]/redeliver": {
    path: () => `/api/webhooks/${NO_WEBHOOK}/deliveries/${NO_WEBHOOK}/redeliver`,
    method: "POST",
    body: "",
    expect: { ...apiAdminRead, admin: 404 },
  },
  "GET /api/search": { path: () => "/api/search?q=unemployment", expect: apiRead },
  "GET /api/tokens": { path: () => "/api/tokens", expect: apiRead },
  "POST /api/tokens": { path: () => "/api/tokens", method: "POST", body: INVALID, expect: apiAnyMember },
  // Someone else's or no token: 404 to every member, never a hint that it exists.
  "DELETE /api/tokens/[id]": {
    path: () => "/api/tokens/00000000-0000-4000-8000-00000000dead",
    method: "DELETE",
    expect: { anon: 401, disabled: 401, editor: 404, editor2: 404, reviewer: 404, admin: 404 },
  },
  "GET /api/articles/[id]/[file]": { path: () => `/api/articles/${ids.article}/report.md?variant=internal`, expect: apiRead },
  // Nothing is approved yet: a permitted user gets 422 from publish and 409 from unpublish.
  "POST /api/articles/[id]/publish": {
    path: () => `/api/articles/${ids.article}/publish`,
    method: "POST",
    body: "",
    expect: apiWrite,
  },
  "POST /api/articles/[id]/unpublish": {
    path: () => `/api/articles/${ids.article}/unpublish`,
    method: "POST",
    body: "",
    expect: { ...apiWrite, editor: 409, editor2: 409, admin: 409 },
  },
  // The public report page needs no login; this article was never published.
  "GET /reports/[slug]": { path: () => `/reports/${ids.slug}`, expect: all(404) },
  // Unpublished report, and a source id that is none of its public sources: nobody gets a copy.
  "GET /reports/[slug]/archive/[sourceId]": {
    path: () => `/reports/${ids.slug}/archive/${ids.source || "00000000-0000-4000-8000-000000000000"}`,
    expect: all(404),
  },
  // Public like the report page: only published snapshots (none here), so 404 for everyone.
  "GET /embed/[slug]/[claimId]": { path: () => `/embed/${ids.slug}/${ids.claim}`, expect: all(404) },
  "GET /api/oembed": {
    path: () => `/api/oembed?url=${encodeURIComponent(`http://localhost/reports/${ids.slug}`)}`,
    expect: all(404),
  },
};

// Server actions: called over HTTP exactly as the browser calls them (Next-Action header).
const actionWriter = {
  anon: "unauthorized",
  disabled: "unauthorized",
  editor: "validation_failed",
  editor2: "validation_failed",
  reviewer: "forbidden",
  admin: "validation_failed",
} as const;
const actionReviewer = {
  anon: "unauthorized",
  disabled: "unauthorized",
  editor: "forbidden",
  editor2: "forbidden",
  reviewer: "validation_failed",
  admin: "validation_failed",
} as const;
const actionMember = {
  anon: "unauthorized",
  disabled: "unauthorized",
  editor: "validation_failed",
  editor2: "validation_failed",
  reviewer: "validation_failed",
  admin: "validation_failed",
} as const;
const actionAdmin = {
  anon: "unauthorized",
  disabled: "unauthorized",
  editor: "forbidden",
  editor2: "forbidden",
  reviewer: "forbidden",
  admin: "validation_failed",
} as const;

interface ActionCase {
  /** JSON arguments, or a FormData for (prevState, formData) actions. */
  args: () => unknown[] | { form: Record<string, string> };
  expect: Record<Role, ActionOutcome>;
}

const ACTIONS: Record<string, ActionCase> = {
  "ACTION auth.loginAction": {
    args: () => ({ form: { email: "nobody@example.com", password: "wrong password" } }),
    expect: { anon: "error", disabled: "error", editor: "error", editor2: "error", reviewer: "error", admin: "error" },
  },
  // Single sign-on is configured in e2e runs (run.mjs): anyone may start it; it redirects to the provider.
  "ACTION auth.ssoSignInAction": {
    args: () => ({ form: { callbackUrl: "/articles" } }),
    expect: {
      anon: "redirect",
      disabled: "redirect",
      editor: "redirect",
      editor2: "redirect",
      reviewer: "redirect",
      admin: "redirect",
    },
  },
  "ACTION users.createUserAction": { args: () => ({ form: { email: "bad" } }), expect: actionAdmin },
  "ACTION jobs.retryJobAction": { args: () => ({ form: { name: "no-such-queue", id: "x" } }), expect: actionAdmin },
  "ACTION users.updateUserAction": { args: () => ({ form: { userId: ids.user, role: "boss" } }), expect: actionAdmin },
  "ACTION webhooks.createWebhookAction": { args: () => [{ bogus: 1 }], expect: actionAdmin },
  "ACTION webhooks.updateWebhookAction": { args: () => [NO_WEBHOOK, { bogus: 1 }], expect: actionAdmin },
  "ACTION webhooks.deleteWebhookAction": { args: () => [NO_WEBHOOK], expect: { ...actionAdmin, admin: "not_found" } },
  "ACTION webhooks.redeliverWebhookAction": {
    args: () => [NO_WEBHOOK, NO_WEBHOOK],
    expect: { ...actionAdmin, admin: "not_found" },
  },
  "ACTION tokens.createTokenAction": { args: () => [{ bogus: 1 }], expect: actionMember },
  "ACTION tokens.revokeTokenAction": {
    args: () => ["00000000-0000-4000-8000-00000000dead"],
    expect: { ...actionMember, editor: "not_found", editor2: "not_found", reviewer: "not_found", admin: "not_found" },
  },
  "ACTION articles.createArticleAction": { args: () => ({ form: { title: "" } }), expect: actionWriter },
  "ACTION articles.previewArticleUrlAction": { args: () => ["not a web address"], expect: actionWriter },
  // The raw multipart call below does not get the form's fields through React's reply decoding, so a
  // permitted user's call stops at the missing article id (404) — after the permission gate.
  "ACTION articles.updateArticleAction": { args: () => [ids.article, { bogus: 1 }], expect: actionWriter },
  "ACTION claims.deleteClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION articles.createRevisionAction": {
    args: () => ({ form: { articleId: ids.article, body: "" } }),
    expect: { ...actionWriter, editor: "not_found", editor2: "not_found", admin: "not_found" },
  },
  "ACTION claims.createClaimAction": { args: () => [ids.article, { bogus: 1 }], expect: actionWriter },
  "ACTION suggestions.dismissSuggestionAction": { args: () => [ids.article, { bogus: 1 }], expect: actionWriter },
  "ACTION claims.updateClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION claims.reattachClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION figures.editClaimFigureAction": { args: () => [ids.claim, ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION figures.revertClaimFigureAction": { args: () => [ids.claim, ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION recheck.setRecheckDateAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION recheck.updateDeskSettingsAction": { args: () => [{ bogus: 1 }], expect: actionAdmin },
  "ACTION figures.checkClaimFiguresAction": {
    args: () => [ids.claim],
    expect: { ...actionMember, editor: "ok", editor2: "ok", reviewer: "ok", admin: "ok" },
  },
  "ACTION claims.addSourceAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION claims.updateSourceAction": { args: () => [ids.claim, ids.source, { bogus: 1 }], expect: actionWriter },
  "ACTION claims.removeSourceAction": { args: () => [ids.claim, ids.source, { bogus: 1 }], expect: actionWriter },
  "ACTION workflow.submitClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION workflow.withdrawClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  "ACTION workflow.reviewClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionReviewer },
  "ACTION workflow.assignClaimAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionReviewer },
  "ACTION workflow.addCommentAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionMember },
  "ACTION workflow.editCommentAction": { args: () => [ids.claim, ids.comment, { bogus: 1 }], expect: actionMember },
  "ACTION matching.findClaimMatchesAction": {
    args: () => [ids.claim],
    expect: { ...actionMember, editor: "ok", editor2: "ok", reviewer: "ok", admin: "ok" },
  },
  "ACTION matching.confirmClaimMatchAction": { args: () => [ids.claim, { bogus: 1 }], expect: actionWriter },
  // Notifications: a bad id is refused after the gate; nobody learns of another user's (404, integration tests).
  "ACTION notifications.openNotificationAction": { args: () => ({ form: { id: "x" } }), expect: actionMember },
  "ACTION notifications.markNotificationReadAction": { args: () => ({ form: { id: "x" } }), expect: actionMember },
  "ACTION notifications.markAllNotificationsReadAction": { args: () => ({ form: { upTo: "x" } }), expect: actionMember },
  "ACTION reports.publishReportAction": {
    args: () => [ids.article, { version: 0 }],
    expect: { ...actionWriter, editor: "code:unprocessable", editor2: "code:unprocessable", admin: "code:unprocessable" },
  },
  "ACTION reports.unpublishReportAction": {
    args: () => [ids.article],
    expect: { ...actionWriter, editor: "code:conflict", editor2: "code:conflict", admin: "code:conflict" },
  },
  // Last: signing out ends every session of that user (the session version is bumped).
  "ACTION auth.signOutAction": {
    args: () => [],
    expect: {
      anon: "redirect",
      disabled: "redirect",
      editor: "redirect",
      editor2: "redirect",
      reviewer: "redirect",
      admin: "redirect",
    },
  },
};

function fillRoute(worker: string): string {
  // "app/(desk)/articles/[id]/page" → "/articles/<id>"
  const segs = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return (
    "/" + segs.map((s) => (s === "[id]" ? ids.article : s === "[claimId]" ? ids.claim : s === "[number]" ? "1" : s)).join("/")
  );
}

function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  const out = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename.startsWith("app/actions/")) continue;
    const worker = Object.keys(entry.workers).find((w) => w.endsWith("/page")) ?? Object.keys(entry.workers)[0]!;
    out.set(`ACTION ${path.basename(entry.filename, ".ts")}.${entry.exportedName}`, { id, page: fillRoute(worker) });
  }
  return out;
}

async function callAction(role: Role, key: string, c: ActionCase): Promise<ActionOutcome> {
  const ref = actionIds().get(key);
  if (!ref) throw new Error(`no server action id for ${key} (was the app built?)`);
  const args = c.args();
  let body: string | FormData;
  const headers: Record<string, string> = { "Next-Action": ref.id, Accept: "text/x-component", Origin: BASE_URL };
  if (Array.isArray(args)) {
    body = JSON.stringify(args);
    headers["Content-Type"] = "text/plain;charset=UTF-8";
  } else {
    // React's reply encoding for (prevState, formData): the form's fields prefixed by its reference.
    const fd = new FormData();
    for (const [k, v] of Object.entries(args.form)) fd.append(`1_${k}`, v);
    fd.append("0", JSON.stringify(["$undefined", "$K1"]));
    body = fd;
  }
  const res = await request(role, ref.page, { method: "POST", body: body as never, headers });
  if (res.status >= 300 && res.status < 400) return "redirect";
  const text = await res.text();
  if (res.headers.get("x-action-redirect") || /NEXT_REDIRECT/.test(text)) return "redirect";
  const code = /"code":"(\w+)"/.exec(text)?.[1];
  if (/"ok":true/.test(text)) return "ok";
  if (code === "validation_failed" || code === "unauthorized" || code === "forbidden" || code === "not_found") return code;
  if (code) return `code:${code}`;
  if (/"error":"/.test(text)) return "error";
  throw new Error(`${key} as ${role}: unexpected answer ${res.status} ${text.slice(0, 300)}`);
}

async function outcome(role: Role, c: HttpCase): Promise<Expected> {
  const res = await request(role, c.path(), {
    method: c.method,
    body: c.body,
    headers: c.body !== undefined ? { "content-type": "application/json" } : {},
  });
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get("location") ?? "";
    return new URL(location, BASE_URL).pathname === "/login" ? "login" : "redirect";
  }
  // An event stream never ends by itself: let it go rather than hold it open for the whole run.
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
  return res.status;
}

describe("authorization matrix", () => {
  it("covers every page, route handler and server action in app/", () => {
    const discovered = discoverEntryPoints();
    const covered = [...Object.keys(HTTP), ...Object.keys(ACTIONS)].sort();
    expect(
      discovered.filter((e) => !covered.includes(e)),
      "entry points missing from the matrix",
    ).toEqual([]);
    expect(
      covered.filter((e) => !discovered.includes(e)),
      "matrix rows for entry points that no longer exist",
    ).toEqual([]);
  });

  for (const [key, c] of Object.entries(HTTP)) {
    it(`${key}`, async () => {
      const got: Partial<Record<Role, Expected>> = {};
      for (const role of ROLES) got[role] = await outcome(role, c);
      expect(got).toEqual(c.expect);
    });
  }

  it("refusals changed nothing", async () => {
    const claim = await sessions.admin(`/api/claims/${ids.claim}`);
    expect(claim.json.claim).toMatchObject({ version: 2, status: "draft", verdict: "unverified" });
    expect(claim.json.claim.sources).toHaveLength(1);
  });

  for (const [key, c] of Object.entries(ACTIONS)) {
    it(`${key}`, async () => {
      const got: Partial<Record<Role, ActionOutcome>> = {};
      // signOutAction ends sessions: run it last for each role by giving it fresh cookies afterwards.
      for (const role of ROLES) got[role] = await callAction(role, key, c);
      expect(got).toEqual(c.expect);
    });
  }
});
