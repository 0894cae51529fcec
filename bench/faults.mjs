// Load and faults (`npm run bench:faults`, bench/README.md): a mixed workload of 20 editors and 5
// reviewers over the JSON API against two app instances (server.mjs) on one PostgreSQL database;
// PostgreSQL is restarted 30 % into the run (`pg_ctlcluster … restart`) and instance A is killed
// (SIGKILL) at 60 %: its clients fail over to instance B. At the end every write a client was
// answered 2xx for must be in the database (it exits 1 otherwise), and the error rate and latency
// before, during and after each fault are printed.
//   npm run bench:faults                 # 10 minutes (restart at 3:00, kill at 6:00)
//   npm run bench:faults -- --short      # 75 seconds, the same faults scaled (what .ci/run runs)
// Env: FAULTS_DATABASE_URL (or DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
// PG_CLUSTER ("15/main"; default: the local cluster on the URL's port), FAULTS_SECONDS (overrides the
// length), FAULTS_THINK_MS (a user's pause between actions, default 1000 ± 50 %).
// It restarts the PostgreSQL cluster: run it alone, never next to other database tests.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../lib/cli/build-if-needed.mjs";
import { createPostgresDatabase, freePort, newRunId, seedDatabase, startApp } from "../tests/support/app-process.mjs";
import { clusterOf, ensureServerUp, pgctl, pgReady } from "../tests/support/pg-cluster.mjs";
import { SimClient } from "./faults/client.mjs";
import { findLostWrites } from "./faults/verify.mjs";
import { operationTable, phaseTable, summarise } from "./faults/report.mjs";
import { articleBody, newAcks, runEditor, runReviewer } from "./faults/workload.mjs";

const short = process.argv.includes("--short");
const SECONDS = Number(process.env.FAULTS_SECONDS || (short ? 75 : 600));
const RESTART_AT = SECONDS * 0.3 * 1000;
const KILL_AT = SECONDS * 0.6 * 1000;
const END_AT = SECONDS * 1000;
/** "During" a fault: this long from the moment it starts. */
const DURING_MS = short ? 8_000 : 30_000;
const EDITORS = 20;
const REVIEWERS = 5;
const THINK_MS = Number(process.env.FAULTS_THINK_MS || 1000);
const DEMO_PASSWORD = "faults-demo-password";

const serverUrl = process.env.FAULTS_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const started = performance.now();
const log = (...args) => console.log(`[faults ${((performance.now() - started) / 1000).toFixed(1)}s]`, ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const cluster = clusterOf(serverUrl);
if (!cluster) {
  const msg = `Load and faults: no local PostgreSQL cluster (pg_lsclusters) serves ${new URL(serverUrl).host}; it needs one it may restart.`;
  if (process.env.CI) {
    console.error(msg);
    process.exit(1);
  }
  console.warn(`${msg} Skipped.`);
  process.exit(0);
}

const runId = newRunId();
const instances = [];
let database;
const failures = [];

async function cleanup() {
  await Promise.all(instances.map((app) => app.stop("SIGTERM")));
  if (!(await ensureServerUp(cluster, serverUrl)))
    console.error("PostgreSQL did not come back up: start it by hand (pg_ctlcluster start).");
  await database?.drop().catch((e) => console.error(`could not drop the database: ${e.message}`));
}
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    console.error(`\n${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

/** Admin session (the Credentials login), for making the simulated users and their tokens. */
async function adminSession(base) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  keep(
    await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: "admin@example.com", password: DEMO_PASSWORD }),
    }),
  );
  return async (method, pathname, body) => {
    const r = await fetch(`${base}${pathname}`, {
      method,
      headers: { cookie: cookie(), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${pathname}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
}

/** The simulated users: each a desk user with an API token of the scopes its role uses. */
async function makeUsers(admin) {
  const users = [];
  for (let i = 0; i < EDITORS + REVIEWERS; i++) {
    const role = i < EDITORS ? "editor" : "reviewer";
    const n = i < EDITORS ? i : i - EDITORS;
    const email = `${role}${n}-${runId}@faults.example`;
    const { user } = await admin("POST", "/api/users", {
      email,
      name: `${role === "editor" ? "Editor" : "Reviewer"} ${n}`,
      role,
      password: crypto.randomBytes(12).toString("hex"),
    });
    const scopes = role === "editor" ? ["read", "write"] : ["read", "review"];
    const { secret } = await admin("POST", "/api/tokens", { name: "faults", scopes, userId: user.id });
    users.push({ role, n, token: secret });
  }
  return users;
}

let exitCode = 1;
try {
  if (!(await ensureServerUp(cluster, serverUrl))) throw new Error("PostgreSQL is not running and could not be started");
  database = await createPostgresDatabase(serverUrl, `fcd_faults_${runId}`);
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    SEED_DEMO: "1",
    DEMO_PASSWORD,
    DATABASE_URL: database.url,
    PGLITE_DIR: undefined,
    OUTBOUND_FETCH: "off",
    // The clients stand behind a load balancer at 127.0.0.1 that says who they are.
    TRUSTED_PROXIES: "127.0.0.1, ::1",
  };
  buildIfNeeded({ ...env, DATABASE_URL: undefined });
  seedDatabase(env);
  const ports = [await freePort(), await freePort()];
  env.PUBLIC_BASE_URL = `http://localhost:${ports[0]}`;
  for (const [i, name] of ["A", "B"].entries()) {
    const logFile = path.join(os.tmpdir(), `fcd-faults-${runId}-${name}.log`);
    instances.push(await startApp({ env, port: ports[i], label: `instance ${name}`, logFile, quiet: true }));
    log(`instance ${name} up on ${instances[i].base} (log ${logFile})`);
  }
  const targets = instances.map((app, i) => ({ name: "AB"[i], base: app.base }));

  const admin = await adminSession(targets[1].base);
  const users = await makeUsers(admin);
  const samples = [];
  const acks = newAcks();
  const t0 = performance.now();
  const clientOf = (u, i) =>
    new SimClient({
      name: `${u.role} ${u.n}`,
      token: u.token,
      instances: targets,
      prefer: i % 2,
      address: `198.51.100.${i + 1}`,
      samples,
      t0,
    });
  // Each editor works on an article of their own (made before the clock starts).
  const editors = [];
  for (const [i, u] of users.filter((x) => x.role === "editor").entries()) {
    const client = clientOf(u, i);
    const r = await client.send("setup", "POST", "/api/articles", { title: `Council round-up ${u.n}`, body: articleBody(u.n) });
    if (r.status !== 201) throw new Error(`creating an article: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    acks.articles.add(r.json.article.id);
    editors.push({ client, e: u.n, articleId: r.json.article.id });
  }
  samples.length = 0;
  const articleIds = editors.map((x) => x.articleId);
  log(
    `${EDITORS} editors and ${REVIEWERS} reviewers start: ${SECONDS} s, PostgreSQL restart at ${RESTART_AT / 1000} s, instance A killed at ${KILL_AT / 1000} s`,
  );

  const start = performance.now();
  const until = start + END_AT;
  const work = Promise.all([
    ...editors.map((x) => runEditor({ ...x, acks, until, thinkMs: THINK_MS })),
    ...users
      .filter((u) => u.role === "reviewer")
      .map((u, i) => runReviewer({ client: clientOf(u, EDITORS + i), articleIds, acks, until, thinkMs: THINK_MS })),
  ]);

  const timeline = {};
  await sleep(start + RESTART_AT - performance.now());
  timeline.restart = performance.now() - t0;
  log(`restarting PostgreSQL ${cluster.version}/${cluster.name}`);
  pgctl(cluster, "restart");
  timeline.restarted = performance.now() - t0;
  log(`PostgreSQL restarted (pg_ctlcluster restart took ${Math.round(timeline.restarted - timeline.restart)} ms)`);

  await sleep(start + KILL_AT - performance.now());
  timeline.kill = performance.now() - t0;
  instances[0].child.kill("SIGKILL");
  log("instance A killed (SIGKILL)");
  await instances[0].exit;

  await work;
  const end = performance.now() - t0;
  log(`workload done: ${samples.length} requests`);
  if (!pgReady(serverUrl)) await ensureServerUp(cluster, serverUrl);

  // ---- figures ----
  const phases = [
    { name: "before the PostgreSQL restart", from: 0, to: timeline.restart },
    { name: `PostgreSQL restart (first ${DURING_MS / 1000} s)`, from: timeline.restart, to: timeline.restart + DURING_MS },
    { name: "between the faults", from: timeline.restart + DURING_MS, to: timeline.kill },
    { name: `instance A killed (first ${DURING_MS / 1000} s)`, from: timeline.kill, to: timeline.kill + DURING_MS },
    { name: "after (instance B alone)", from: timeline.kill + DURING_MS, to: end },
  ];
  const firstOkAfter = (t, pred = () => true) =>
    samples
      .filter((s) => s.t >= t && s.write && s.status >= 200 && s.status < 300 && pred(s))
      .reduce((m, s) => Math.min(m, s.t + s.ms), Infinity) - t;
  const unexpected = samples.filter((s) => s.status === 0 || s.status >= 400);
  console.log(
    `\n## Load and faults (${SECONDS} s, ${EDITORS} editors + ${REVIEWERS} reviewers, think ${THINK_MS} ms ± 50 %; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")})\n`,
  );
  console.log(phaseTable(samples, phases));
  console.log(`\n${operationTable(samples)}\n`);
  console.log(
    `PostgreSQL restart: pg_ctlcluster took ${Math.round(timeline.restarted - timeline.restart)} ms; first acknowledged write ${Math.round(firstOkAfter(timeline.restarted))} ms after it returned.`,
  );
  console.log(
    `Instance A killed: first acknowledged write of a client that preferred A, on B, ${Math.round(firstOkAfter(timeline.kill, (s) => s.failedOver || s.instance === "B"))} ms after the kill.`,
  );
  const lost = await findLostWrites(database.url, acks);
  console.log(
    `Acknowledged writes: ${acks.writes.length} (claims ${acks.claims.size}, sources ${acks.sources.size}, comments ${acks.comments.size}, reviews ${acks.reviews.size}, articles ${acks.articles.size}); lost: ${lost.length}.`,
  );
  // What the refusals and errors said (one example each), so a figure can be explained.
  const kinds = new Map();
  for (const s of unexpected) {
    const key = `${s.op} ${s.status}`;
    const k = kinds.get(key) ?? { n: 0, example: s.error };
    k.n++;
    kinds.set(key, k);
  }
  for (const [key, k] of [...kinds].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${key} ×${k.n}: ${k.example}`);

  for (const l of lost.slice(0, 20)) failures.push(`lost write: ${l}`);
  if (lost.length) failures.push(`${lost.length} acknowledged writes are not in the database`);
  const after = summarise(samples, phases[4].from, phases[4].to);
  if (after.writesOk === 0) failures.push("no write was acknowledged after the faults: the desk did not recover");
  if (instances[1].exited) failures.push(`instance B exited (log ${instances[1].logFile})`);
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  failures.push(`error: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
} finally {
  await cleanup();
}
if (failures.length) {
  console.error(`\nLoad and faults: FAILED`);
  for (const f of failures) console.error(`  - ${f}`);
} else console.log(`\nLoad and faults: OK (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
process.exit(exitCode);
