// Reliability check (docs/security.md, "Reliability") against the built app on a real PostgreSQL server:
//   a. the server is stopped for ~5 s and started again while 4 clients keep writing: every request
//      is answered quickly, answers while it is down are 503 "unavailable" (never a 500 or a stack),
//      the app answers 2xx again within seconds without a restart, and every write answered 2xx
//      is in the database afterwards;
//   b. every pool connection is stuck behind a table lock: requests get a 503 within seconds, none
//      waits for the lock, and the app is healthy once the lock is gone.
// It stops and starts the local PostgreSQL cluster, so it runs on its own (`node
// tests/reliability/run.mjs`, `.ci/run`), never inside `npm test` next to other database tests.
// Env: RELIABILITY_DATABASE_URL (or DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
// PG_CLUSTER ("15/main"; default: the local cluster on the URL's port).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { buildIfNeeded } from "../../lib/cli/build-if-needed.mjs";
import { clusterOf, ensureServerUp as ensureUp, pgctl as pgctlOf } from "../support/pg-cluster.mjs";

const root = process.cwd();
const started = performance.now();
const since = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const log = (...args) => console.log(`[reliability ${since()}]`, ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- limits asserted (the app's own bounds are in db/postgres.ts: APP_DATABASE_LIMITS) ----
const POOL_MAX = 3;
const CLIENTS = 4;
const REQUEST_TIMEOUT_MS = 15_000; // a request still open after this is a hang (and a failure)
const MAX_ANSWER_MS = 6_000; // every answer, outage or not
const OUTAGE_MS = 5_000;
const LOAD_BEFORE_MS = 4_000;
const LOAD_AFTER_MS = 8_000; // load continues this long after the server is back
const MAX_RECOVERY_MS = 10_000; // server accepting connections → first 2xx
const LOCK_MS = 8_000;
const LOCK_REQUESTS = 12;
const MAX_LOCKED_ANSWER_MS = 6_500; // well under LOCK_MS: nobody waits for the lock

const serverUrl =
  process.env.RELIABILITY_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};

// ---- the local PostgreSQL cluster ----
const cluster = clusterOf(serverUrl);
if (!cluster) {
  const msg = `Reliability test: no local PostgreSQL cluster (pg_lsclusters) serves ${new URL(serverUrl).host}; it needs one it may stop and start.`;
  if (process.env.CI) {
    console.error(msg);
    process.exit(1);
  }
  console.warn(`${msg} Skipped.`);
  process.exit(0);
}
const pgctl = (action) => pgctlOf(cluster, action);
const ensureServerUp = () => ensureUp(cluster, serverUrl);

// ---- the app ----
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const runId = crypto.randomBytes(4).toString("hex");
const dbName = `fcd_rel_${runId}`;
const adminUrl = new URL(serverUrl);
adminUrl.pathname = "/postgres";
const appDbUrl = new URL(serverUrl);
appDbUrl.pathname = `/${dbName}`;
const port = await freePort();
const base = `http://localhost:${port}`;
const DEMO_PASSWORD = "reliability-demo-password";
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SEED_DEMO: "1",
  DEMO_PASSWORD,
  PORT: String(port),
  ORG_URL: base,
  DATABASE_URL: appDbUrl.toString(),
  DATABASE_POOL_MAX: String(POOL_MAX),
  // Rate limits on (their statement goes through the outages too) but out of reach: the clients
  // write as fast as they can, as two users.
  RATE_LIMIT: "on",
  RATE_LIMIT_PER_TOKEN: "1000000",
  RATE_LIMIT_PER_USER: "1000000",
  RATE_LIMIT_PER_IP: "1000000",
  RATE_LIMIT_LOGIN_PER_IP: "1000000",
};
delete env.PGLITE_DIR;

/** One request with a hard timeout: never throws, reports status, time and body. */
async function request(session, method, pathname, body) {
  const at = performance.now();
  try {
    const res = await fetch(`${base}${pathname}`, {
      method,
      headers: { cookie: session?.cookie() ?? "", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return {
      at,
      method,
      pathname,
      status: res.status,
      ms: performance.now() - at,
      text,
      json,
      retryAfter: res.headers.get("retry-after"),
    };
  } catch (err) {
    return {
      at,
      method,
      pathname,
      status: 0,
      ms: performance.now() - at,
      text: String(err?.cause ?? err),
      json: null,
      retryAfter: null,
    };
  }
}

/** Auth.js Credentials login, as tests/e2e/support.ts apiSession does. */
async function login(email) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD }),
  });
  keep(res);
  const session = { cookie };
  const who = await request(session, "GET", "/api/auth/session");
  if (who.json?.user?.email !== email) throw new Error(`login as ${email} failed: ${who.status} ${who.text.slice(0, 200)}`);
  return session;
}

const UNAVAILABLE = /^The database is (not reachable|busy) right now\. Nothing was saved; please try again\.$/;
const TRACE = /\n\s+at |stack|Failed query|node_modules|\.ts:\d+/;

/** A non-2xx answer must be a 503 in the JSON error shape with Retry-After (409 tolerated, see below). */
function badAnswer(r, { allowConflict = false } = {}) {
  if (r.status >= 200 && r.status < 300) return null;
  if (r.status === 0) return `no answer (${r.text})`;
  if (TRACE.test(r.text)) return `${r.status} with a stack trace or SQL: ${r.text.slice(0, 200)}`;
  if (allowConflict && r.status === 409 && r.json?.error?.code === "conflict") return null;
  if (r.status !== 503) return `${r.status}: ${r.text.slice(0, 200)}`;
  const e = r.json?.error;
  if (!e || e.code !== "unavailable" || !UNAVAILABLE.test(e.message ?? "") || Object.keys(e).length !== 2)
    return `503 not in the error shape: ${r.text.slice(0, 200)}`;
  if (!/^\d+$/.test(r.retryAfter ?? "")) return "503 without a Retry-After header";
  return null;
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (ms) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : "—");

function articleText() {
  const lines = [];
  for (let i = 1; i <= SENTENCES; i++) {
    lines.push(`Paragraph ${i}: the council said spending item number ${i} rose by ${i * 7 + 3} per cent in year ${1900 + i}.`);
  }
  return lines.join("\n\n");
}
const SENTENCES = 600;
const LOAD_SENTENCES = 560; // scenario a creates claims on 1…560, scenario b on the rest
const sentence = (i) => `spending item number ${i} rose by ${i * 7 + 3} per cent in year ${1900 + i}`;

// ---- scenario a: PostgreSQL restarted under load ----
async function restartScenario(sessions, articleId) {
  log(
    `scenario a: ${CLIENTS} clients writing; PostgreSQL ${cluster.version}/${cluster.name} stopped after ${LOAD_BEFORE_MS / 1000} s for ${OUTAGE_MS / 1000} s`,
  );
  const results = [];
  const created = new Map(); // claim id → { ackVersion, ackStatement }
  const timeline = { stopAt: NaN, stoppedAt: NaN, startAt: NaN, startedAt: NaN };
  let stop = false;
  let nextSentence = 1;

  async function client(c) {
    const session = sessions[c % sessions.length];
    const mine = []; // claim ids this client writes to, with the version it last saw
    let n = 0;
    while (!stop) {
      n++;
      let r;
      if (mine.length === 0 || (n % 2 === 1 && nextSentence <= LOAD_SENTENCES)) {
        const i = nextSentence++;
        r = await request(session, "POST", `/api/articles/${articleId}/claims`, { exact: sentence(i) });
        results.push(r);
        if (r.status === 201) {
          const claim = r.json.claim;
          created.set(claim.id, { ackVersion: claim.version, ackStatement: claim.statement });
          mine.push({ id: claim.id, version: claim.version });
        }
      } else {
        const target = mine[n % mine.length];
        const statement = `Client ${c} edit ${n} of ${target.id.slice(0, 8)}`;
        r = await request(session, "PATCH", `/api/claims/${target.id}`, { version: target.version, statement });
        results.push(r);
        if (r.status === 200) {
          target.version = r.json.claim.version;
          created.set(target.id, { ackVersion: target.version, ackStatement: statement });
        } else if (r.status === 409 && r.json?.error?.current) {
          // A 503 during the restart can hide a commit (the connection died during COMMIT): the
          // write may have landed after all. Catch up; that is what a client must do.
          target.version = r.json.error.current.version;
          r.conflictAfterOutage = true;
        }
      }
      if (r.status === 503) await sleep(100); // as a client honouring Retry-After would, roughly
    }
  }

  const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  let recoveredAt = NaN;
  try {
    await sleep(LOAD_BEFORE_MS);
    timeline.stopAt = performance.now();
    pgctl("stop");
    timeline.stoppedAt = performance.now();
    log(`PostgreSQL stopped (pg_ctlcluster stop took ${fmt(timeline.stoppedAt - timeline.stopAt)})`);
    // A signed-in user opening a desk page while the database is down is told so, not sent to
    // the login page (where signing in could not work either).
    await sleep(800);
    const page = await fetch(`${base}/articles`, {
      headers: { cookie: sessions[0].cookie() },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).then(
      async (r) => ({ status: r.status, location: r.headers.get("location"), text: await r.text() }),
      (err) => ({ status: 0, location: null, text: String(err) }),
    );
    check(!(page.location ?? "").includes("/login"), `a: a desk page while down redirected to ${page.location}`);
    check(
      page.text.includes("Temporarily unavailable"),
      `a: a desk page while down did not say the database is unavailable (status ${page.status})`,
    );
    await sleep(Math.max(0, OUTAGE_MS - 800));
  } finally {
    timeline.startAt = performance.now();
    pgctl("start");
    timeline.startedAt = performance.now();
  }
  log(`PostgreSQL started (pg_ctlcluster start took ${fmt(timeline.startedAt - timeline.startAt)})`);
  const recoveryDeadline = performance.now() + Math.max(LOAD_AFTER_MS, MAX_RECOVERY_MS);
  while (performance.now() < recoveryDeadline) {
    await sleep(200);
    const ok = results.find((r) => r.at >= timeline.startAt && r.status >= 200 && r.status < 300);
    if (ok) {
      recoveredAt = ok.at + ok.ms;
      if (performance.now() - timeline.startedAt >= LOAD_AFTER_MS) break;
    }
  }
  stop = true;
  await load;

  // --- assertions ---
  const bad = results.map((r) => [r, badAnswer(r, { allowConflict: true })]).filter(([, b]) => b);
  for (const [r, b] of bad.slice(0, 10))
    check(false, `a: ${r.method} ${r.pathname} at ${((r.at - started) / 1000).toFixed(1)}s → ${b}`);
  check(bad.length === 0, `a: ${bad.length} answers were neither 2xx nor a proper 503`);
  const slow = results.filter((r) => r.ms > MAX_ANSWER_MS);
  for (const r of slow.slice(0, 5))
    check(false, `a: ${r.method} ${r.pathname} at ${((r.at - started) / 1000).toFixed(1)}s took ${fmt(r.ms)} → ${r.status}`);
  check(slow.length === 0, `a: ${slow.length} requests took longer than ${MAX_ANSWER_MS} ms`);
  const down = results.filter((r) => r.at >= timeline.stoppedAt && r.at + r.ms <= timeline.startAt);
  check(down.length >= 3, `a: only ${down.length} requests were made while PostgreSQL was down`);
  check(
    down.every((r) => r.status === 503),
    `a: answers while down: ${[...new Set(down.map((r) => r.status))].join(", ")} (expected only 503)`,
  );
  const recovery = recoveredAt - timeline.startedAt;
  check(
    Number.isFinite(recovery) && recovery <= MAX_RECOVERY_MS,
    `a: no 2xx within ${MAX_RECOVERY_MS} ms after PostgreSQL was back (${fmt(recovery)})`,
  );
  const conflicts = results.filter((r) => r.conflictAfterOutage).length;
  check(results.filter((r) => r.status === 409).length === conflicts, "a: a 409 without the current claim in error.current");

  // Every write answered 2xx is in the database.
  const sql = postgres(appDbUrl.toString(), { max: 1, onnotice: () => {} });
  let lost = [];
  try {
    const ids = [...created.keys()];
    const rows = ids.length ? await sql`select id, version, statement from claims where id in ${sql(ids)}` : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, ack] of created) {
      const row = byId.get(id);
      if (!row) lost.push(`claim ${id} (answered 201) is missing`);
      else if (row.version < ack.ackVersion) lost.push(`claim ${id}: version ${row.version} < acknowledged ${ack.ackVersion}`);
      else if (row.version === ack.ackVersion && row.statement !== ack.ackStatement)
        lost.push(`claim ${id}: statement of acknowledged version ${ack.ackVersion} lost`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  for (const l of lost.slice(0, 10)) check(false, `a: lost write: ${l}`);
  check(lost.length === 0, `a: ${lost.length} acknowledged writes lost`);

  const downMs = down.map((r) => r.ms);
  const ok = results.filter((r) => r.status >= 200 && r.status < 300);
  return {
    requests: results.length,
    ok2xx: ok.length,
    s503: results.filter((r) => r.status === 503).length,
    conflicts,
    claimsAcknowledged: created.size,
    writesAcknowledged: ok.length,
    whileDown: down.length,
    downP50: pct(downMs, 50),
    downMax: Math.max(0, ...downMs),
    okP50: pct(
      ok.map((r) => r.ms),
      50,
    ),
    slowest: Math.max(0, ...results.map((r) => r.ms)),
    slowestWhat: (() => {
      const r = [...results].sort((x, y) => y.ms - x.ms)[0];
      if (!r) return "";
      const phase =
        r.at < timeline.stopAt
          ? "before the stop"
          : r.at < timeline.stoppedAt
            ? "during the stop"
            : r.at < timeline.startAt
              ? "while down"
              : r.at < timeline.startedAt
                ? "during the start"
                : "after the start";
      return `${r.method} ${r.status}, sent ${phase}`;
    })(),
    firstDown503: (() => {
      const first = results.filter((r) => r.at >= timeline.stopAt && r.status === 503).sort((a, b) => a.at - b.at)[0];
      return first ? first.at + first.ms - timeline.stopAt : NaN;
    })(),
    recovery,
    lost: lost.length,
  };
}

// ---- scenario b: every pool connection stuck behind a lock ----
async function lockScenario(sessions, articleId, claimIds) {
  log(
    `scenario b: claims locked (ACCESS EXCLUSIVE) for ${LOCK_MS / 1000} s, ${LOCK_REQUESTS} concurrent requests on a pool of ${POOL_MAX}`,
  );
  const holder = postgres(appDbUrl.toString(), { max: 1, onnotice: () => {} });
  let results;
  let afterHealth;
  let afterWrite;
  try {
    let locked;
    const isLocked = new Promise((r) => (locked = r));
    const held = holder.begin(async (tx) => {
      await tx`lock table claims in access exclusive mode`;
      locked();
      await sleep(LOCK_MS);
    });
    await isLocked;
    const lockedAt = performance.now();
    const calls = Array.from({ length: LOCK_REQUESTS }, (_, i) => {
      const session = sessions[i % sessions.length];
      const claimId = claimIds[i % claimIds.length];
      if (i % 3 === 0) return request(session, "GET", `/api/claims/${claimId}`);
      if (i % 3 === 1) return request(session, "PATCH", `/api/claims/${claimId}`, { version: 1, statement: `locked ${i}` });
      return request(session, "POST", `/api/articles/${articleId}/claims`, { exact: sentence(LOAD_SENTENCES + 1 + i) });
    });
    results = await Promise.all(calls);
    const answeredWithin = performance.now() - lockedAt;
    log(`all ${LOCK_REQUESTS} answered ${fmt(answeredWithin)} after the lock was taken`);
    await held;
    const releasedAt = performance.now();
    afterHealth = await request(null, "GET", "/api/health");
    afterWrite = await request(sessions[0], "POST", `/api/articles/${articleId}/claims`, { exact: sentence(SENTENCES) });
    afterWrite.sinceRelease = performance.now() - releasedAt;
  } finally {
    await holder.end({ timeout: 5 });
  }
  for (const r of results) {
    const b = badAnswer(r, { allowConflict: true });
    check(!b, `b: ${r.method} ${r.pathname} → ${b}`);
    check(
      r.ms <= MAX_LOCKED_ANSWER_MS,
      `b: ${r.method} ${r.pathname} took ${fmt(r.ms)} (limit ${MAX_LOCKED_ANSWER_MS} ms, lock held ${LOCK_MS} ms)`,
    );
  }
  check(
    results.some((r) => r.status === 503),
    "b: no request got a 503: the pool was not exhausted",
  );
  check(afterHealth?.status === 200, `b: /api/health after the lock: ${afterHealth?.status} ${afterHealth?.text}`);
  check(afterWrite?.status === 201, `b: a write after the lock: ${afterWrite?.status} ${afterWrite?.text?.slice(0, 200)}`);
  const times = results.map((r) => r.ms);
  return {
    statuses: Object.entries(results.reduce((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {}))
      .map(([s, n]) => `${n}×${s}`)
      .join(", "),
    min: Math.min(...times),
    p50: pct(times, 50),
    max: Math.max(...times),
    writeAfter: afterWrite?.ms,
  };
}

// ---- main ----
let server;
let serverExited = false;
let createdDb = false;
let exitCode;
const cleanup = async () => {
  if (server && !serverExited) {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server.once("exit", r)), sleep(5_000)]);
    if (!serverExited) server.kill("SIGKILL");
  }
  if (!(await ensureServerUp())) console.error("PostgreSQL did not come back up: start it by hand (pg_ctlcluster start).");
  if (createdDb) {
    const sql = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
    await sql
      .unsafe(`drop database if exists "${dbName}" with (force)`)
      .catch((e) => console.error(`could not drop ${dbName}: ${e.message}`));
    await sql.end({ timeout: 5 });
  }
};
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    console.error(`\n${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

try {
  if (!(await ensureServerUp())) throw new Error("PostgreSQL is not running and could not be started");
  buildIfNeeded({ ...env, DATABASE_URL: undefined, PGLITE_DIR: undefined, DATABASE_POOL_MAX: undefined });

  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  createdDb = true;
  const seed = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], {
    stdio: "inherit",
    env,
  });
  if (seed.status !== 0) throw new Error("seeding the database failed");

  const logFile = path.join(os.tmpdir(), `fcd-reliability-server-${runId}.log`);
  const serverLog = fs.createWriteStream(logFile);
  server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.on("exit", () => (serverExited = true));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  let up = false;
  for (let i = 0; i < 120 && !up && !serverExited; i++) {
    await sleep(500);
    up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  }
  if (!up) throw new Error(`the app did not become healthy (log: ${logFile})`);
  log(`app up on ${base} (pool ${POOL_MAX}, database ${dbName}, server log ${logFile})`);

  const sessions = [await login("editor@example.com"), await login("editor2@example.com")];
  const article = await request(sessions[0], "POST", "/api/articles", { title: `Reliability ${runId}`, body: articleText() });
  if (article.status !== 201) throw new Error(`creating the article failed: ${article.status} ${article.text.slice(0, 300)}`);
  const articleId = article.json.article.id;

  const a = await restartScenario(sessions, articleId);
  check(!serverExited, "a: the app process exited");
  log(
    `a: ${a.requests} requests (${a.ok2xx} 2xx, ${a.s503} 503, ${a.conflicts} 409 after an ambiguous 503); ` +
      `${a.whileDown} while down: 503 in ${fmt(a.downP50)} median, ${fmt(a.downMax)} max; ` +
      `first 503 ${fmt(a.firstDown503)} after the stop began; recovery ${fmt(a.recovery)} after the server was back; ` +
      `2xx median ${fmt(a.okP50)}, slowest answer ${fmt(a.slowest)} (${a.slowestWhat}); ${a.claimsAcknowledged} claims checked in the database, ${a.lost} writes lost`,
  );

  const sqlIds = postgres(appDbUrl.toString(), { max: 1, onnotice: () => {} });
  const claimIds = (await sqlIds`select id from claims order by created_at desc limit 4`).map((r) => r.id);
  await sqlIds.end();
  const b = await lockScenario(sessions, articleId, claimIds);
  check(!serverExited, "b: the app process exited");
  log(
    `b: ${b.statuses}; answered in ${fmt(b.min)} min, ${fmt(b.p50)} median, ${fmt(b.max)} max (lock held ${LOCK_MS} ms); a write right after the lock: ${fmt(b.writeAfter)}`,
  );

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  failures.push(`error: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  exitCode = 1;
} finally {
  await cleanup();
}

if (failures.length) {
  console.error(`\nReliability: FAILED (${failures.length})`);
  for (const f of failures) console.error(`  - ${f}`);
} else {
  console.log(`\nReliability: OK (${since()})`);
}
process.exit(exitCode);
