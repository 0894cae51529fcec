// Request overhead (issue 13): the app's JSON API, served by the production server (server.mjs,
// which answers these routes without Next.js's router), against a bare node:http + postgres.js
// server running the same SQL with the same pool, both under autocannon (32 connections), interleaved in
// one run so the machine's load colours both sides alike; and claim writes (PATCH with version,
// 12 clients) on PostgreSQL and on embedded PGlite.
//
// PostgreSQL cases need BENCH_DATABASE_URL (or DATABASE_URL). BENCH_HTTP_CLAIMS="10000,1000000"
// picks the desk sizes; BENCH_HTTP_SECONDS the length of one autocannon round; BENCH_HTTP_CASES
// ("reads", "writes" or both, comma-separated; both by default; "health" or "queue" runs only that
// half of "reads") which cases run;
// BENCH_HTTP_FAST_ROUTES=off measures the app with every request through Next.js;
// BENCH_HTTP_RATE_LIMIT=off measures it without counting rate limits (what counting costs);
// DATABASE_QUICK_POOL_MAX=0 runs the app with its session check on the main pool instead of the
// pool of short statements (README, "Running several instances": the app opens 10 + 2 connections,
// the bare server 10);
// BENCH_HTTP_PROFILE=<folder> writes a CPU profile of the app's server there (node --cpu-prof,
// startup included: bench/support/profile-summary.mjs sums the samples of the load's last seconds).
import { type ChildProcess, fork } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { sql } from "drizzle-orm";
import {
  cpuSeconds,
  EDITOR_ID,
  freePort,
  load,
  login,
  median,
  postgresCpuSeconds,
  requestOnce,
  scratchDatabase,
  seedDesk,
  startApp,
  stopChild,
  type LoadResult,
} from "./support/http-harness";

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const SIZES = (process.env.BENCH_HTTP_CLAIMS ?? "10000,1000000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 32;
const POOL = 10; // the app's default DATABASE_POOL_MAX
const CASES = new Set((process.env.BENCH_HTTP_CASES ?? "reads,writes").split(",").map((c) => c.trim()));
if (CASES.has("reads")) CASES.add("health").add("queue");

interface Target {
  label: string;
  value: number;
  target: string;
  met: boolean;
}
const results: Target[] = [];
/** Server CPU per request of each comparison, printed after the throughput tables. */
const cpuLines: string[] = [];
const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s (p50 ${r.p50} ms, p99 ${r.p99} ms)`;

async function startBare(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "support", "bare-server.mjs"), [String(port), url, String(POOL)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

/**
 * One autocannon run, and the CPU time spent per request meanwhile (ms): by the server process
 * `pid`, by PostgreSQL's processes, and by this process (autocannon, the client).
 */
async function loadWithCpu(url: string, pid: number | undefined, headers?: Record<string, string>) {
  const before = { server: cpuSeconds(pid), database: postgresCpuSeconds(), client: process.cpuUsage() };
  const result = await load(url, { connections: CONNECTIONS, seconds: SECONDS, headers });
  const after = { server: cpuSeconds(pid), database: postgresCpuSeconds(), client: process.cpuUsage(before.client) };
  const per = (a: number | null, b: number | null) =>
    a === null || b === null || result.total === 0 ? null : ((b - a) * 1000) / result.total;
  return {
    ...result,
    cpuMs: per(before.server, after.server),
    databaseMs: per(before.database, after.database),
    clientMs: result.total === 0 ? null : (after.client.user + after.client.system) / 1000 / result.total,
  };
}

/**
 * Rounds of bare, app, bare, app…; the median requests/s of each side and their ratio, and the
 * median CPU time each server spent per request.
 */
async function compare(
  label: string,
  side: { bareUrl: string; barePid?: number; appUrl: string; appPid?: number },
  headers: Record<string, string>,
) {
  type Run = Awaited<ReturnType<typeof loadWithCpu>>;
  const bare: Run[] = [];
  const app: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await loadWithCpu(side.bareUrl, side.barePid));
    app.push(await loadWithCpu(side.appUrl, side.appPid, headers));
  }
  const cpu = (runs: Run[], key: "cpuMs" | "databaseMs" | "clientMs") => {
    const ms = runs.map((r) => r[key]).filter((v): v is number => v !== null);
    return ms.length ? `${median(ms).toFixed(2)} ms` : "n/a";
  };
  cpuLines.push(
    `| ${label} | ${cpu(app, "cpuMs")} | ${cpu(bare, "cpuMs")} | ${cpu(app, "databaseMs")} | ${cpu(bare, "databaseMs")} | ${cpu(app, "clientMs")} | ${cpu(bare, "clientMs")} |`,
  );
  const errors = [...bare, ...app].reduce((n, r) => n + r.errors + r.non2xx, 0);
  const b = median(bare.map((r) => r.rps));
  const a = median(app.map((r) => r.rps));
  const ratio = a / b;
  console.log(
    `| ${label} | ${fmt(app.find((r) => r.rps === a)!)} | ${fmt(bare.find((r) => r.rps === b)!)} | ${ratio.toFixed(2)} | ${errors} |`,
  );
  results.push({ label: `${label}: app ÷ bare`, value: ratio, target: "≥ 0.5, 0 errors", met: ratio >= 0.5 && errors === 0 });
}

/**
 * 12 clients, each PATCHing its own claim with the version it was last given, for `seconds`.
 * BENCH_HTTP_WRITE_CLIENT=fetch sends them with `fetch` instead (the client before 2026-12-02).
 */
async function claimWrites(base: string, cookie: string, claimIds: string[], seconds: number, versions: Map<string, number>) {
  let ok = 0;
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: claimIds.length });
  const headers = { cookie, "content-type": "application/json", origin: base };
  const send = async (id: string, body: string) => {
    if (process.env.BENCH_HTTP_WRITE_CLIENT === "fetch") {
      const res = await fetch(`${base}/api/claims/${id}`, { method: "PATCH", headers, body }); // its own Accept-Encoding
      return { status: res.status, text: await res.text() };
    }
    // node:http rather than `fetch`, whose own cost was 1.5–2.4 ms of this process's CPU per write,
    // a quarter to a third of what the two cores gave the whole write (bench/README.md, "Claim
    // writes: a leaner client"). It asks for gzip, which the server picks for `fetch` too.
    const res = await requestOnce(agent, new URL(`/api/claims/${id}`, base), {
      method: "PATCH",
      headers: { ...headers, "accept-encoding": "gzip" },
      body,
    });
    return { status: res.status, text: res.body.toString() };
  };
  try {
    await Promise.all(
      claimIds.map(async (id, client) => {
        let i = 0;
        while (Date.now() < until) {
          const body = JSON.stringify({
            version: versions.get(id) ?? 1,
            rationale: `Checked against the source, pass ${client}.${i++}.`,
          });
          const res = await send(id, body);
          const answer = JSON.parse(res.text) as { claim?: { version: number } };
          if (res.status >= 200 && res.status < 300 && answer.claim) {
            ok++;
            versions.set(id, answer.claim.version);
          } else {
            if (failed++ === 0) console.error(`first failed write: ${res.status} ${res.text}`);
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { perSecond: ok / seconds, failed };
}

async function seedWritableClaims(db: Awaited<ReturnType<typeof scratchDatabase>>, n: number): Promise<string[]> {
  const result = (await db.handle.db.execute(sql`
    insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, verdict, status, created_by, updated_by)
    select '00000000-0000-4000-9000-000000000001', 'Body', 0, 4, '00000000-0000-4000-a000-000000000001', 'Writable ' || g,
           'unverified', 'draft', ${EDITOR_ID}, ${EDITOR_ID}
    from generate_series(1, ${n}) g returning id`)) as unknown as { id: string }[] | { rows: { id: string }[] };
  return (Array.isArray(result) ? result : result.rows).map((r) => r.id);
}

/** The server processes of the scratch database's connections (the app's pool, once it is warm). */
async function backendPids(db: Awaited<ReturnType<typeof scratchDatabase>>): Promise<number[]> {
  const result = (await db.handle.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  )) as unknown as { pid: number }[];
  return result.map((r) => Number(r.pid));
}

/** CPU per write of each write case, printed after the table of the writes. */
const writeCpuLines: string[] = [];

async function writeCase(label: string, url: string | undefined, target: number) {
  const db = await scratchDatabase(url, "writes");
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    await seedDesk(db.handle, { articles: 10, claims: 1000 });
    const ids = await seedWritableClaims(db, 12);
    if (!url) await db.handle.close(); // PGlite: one process at a time; the app opens it now
    // BENCH_HTTP_PROFILE=<folder>: a CPU profile of the app under the writes (node --cpu-prof).
    const profile = process.env.BENCH_HTTP_PROFILE;
    app = await startApp(db, {}, profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []);
    const cookie = await login(app.base, "ed@bench.example");
    const versions = new Map<string, number>();
    await claimWrites(app.base, cookie, ids, 2, versions); // warm-up
    // CPU time per write (/proc): the app's process, the database's backends (PostgreSQL; PGlite
    // runs in the app's process) and this process's own fetch loops (the client).
    const backends = url ? await backendPids(db) : [];
    const cpuOf = () => ({
      app: cpuSeconds(app!.pid),
      database: backends.reduce<number | null>((sum, pid) => (sum === null ? null : sum + (cpuSeconds(pid) ?? 0)), 0),
      client: process.cpuUsage(),
    });
    const before = cpuOf();
    const { perSecond, failed } = await claimWrites(app.base, cookie, ids, SECONDS * 2, versions);
    const after = cpuOf();
    const writes = perSecond * SECONDS * 2;
    const ms = (a: number | null, b: number | null) =>
      a === null || b === null || !writes ? "n/a" : `${(((b - a) * 1000) / writes).toFixed(2)} ms`;
    const clientMs = (after.client.user + after.client.system - before.client.user - before.client.system) / 1000 / writes;
    console.log(`| claim writes, ${label} | ${perSecond.toFixed(0)} /s | ${failed} | ≥ ${target} |`);
    writeCpuLines.push(
      `| ${label} | ${ms(before.app, after.app)} | ${url ? ms(before.database, after.database) : "(in the app)"} | ${clientMs.toFixed(2)} ms |`,
    );
    results.push({
      label: `claim writes/s, ${label}`,
      value: perSecond,
      target: `≥ ${target}, 0 errors`,
      met: perSecond >= target && failed === 0,
    });
  } finally {
    await app?.stop();
    await db.drop();
  }
}

if (server && (CASES.has("health") || CASES.has("queue"))) {
  for (const claims of SIZES) {
    const db = await scratchDatabase(server, `http${claims}`);
    let app: Awaited<ReturnType<typeof startApp>> | undefined;
    let bare: Awaited<ReturnType<typeof startBare>> | undefined;
    try {
      const t0 = Date.now();
      await seedDesk(db.handle, { articles: Math.max(10, claims / 10), claims });
      console.log(`\nseeded ${claims.toLocaleString("en-GB")} claims in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      // BENCH_HTTP_FAST_ROUTES=off: every request through Next.js (the figures before the fast path).
      const profile = process.env.BENCH_HTTP_PROFILE;
      app = await startApp(
        db,
        {
          ...(process.env.BENCH_HTTP_FAST_ROUTES === "off" ? { FAST_ROUTES: "off" } : {}),
          ...(process.env.BENCH_HTTP_RATE_LIMIT === "off" ? { RATE_LIMIT: "off" } : {}),
        },
        profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [],
      );
      bare = await startBare(db.url!);
      const cookie = await login(app.base, "rev@bench.example");
      // Each side must answer a real page: an empty queue measures nothing.
      const page = (await (await fetch(`${app.base}/api/queue`, { headers: { cookie } })).json()) as { items: unknown[] };
      const barePage = (await (await fetch(`${bare.base}/api/queue`)).json()) as { items: unknown[] };
      if (page.items.length !== 25 || barePage.items.length !== 25)
        throw new Error("the queue page is not full: nothing to measure");
      console.log(`\n| ${claims.toLocaleString("en-GB")} claims, ${CONNECTIONS} connections | app | bare | ratio | errors |`);
      console.log("| --- | ---: | ---: | ---: | ---: |");
      if (CASES.has("queue"))
        await compare(
          `GET /api/queue (${claims.toLocaleString("en-GB")} claims)`,
          { bareUrl: `${bare.base}/api/queue`, barePid: bare.child.pid, appUrl: `${app.base}/api/queue`, appPid: app.pid },
          { cookie },
        );
      if (claims === SIZES[0] && CASES.has("health"))
        await compare(
          "GET /api/health",
          { bareUrl: `${bare.base}/api/health`, barePid: bare.child.pid, appUrl: `${app.base}/api/health`, appPid: app.pid },
          {},
        );
    } finally {
      if (bare) await stopChild(bare.child);
      await app?.stop();
      await db.drop();
    }
  }
} else if (!server) {
  console.log("http bench: set BENCH_DATABASE_URL to a PostgreSQL server for the queue and health comparisons; skipped.");
}

if (cpuLines.length > 0) {
  console.log(
    "\n| CPU per request (median of the rounds, /proc) | server: app | server: bare | PostgreSQL: app | PostgreSQL: bare | client: app | client: bare |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const line of cpuLines) console.log(line);
}

if (CASES.has("writes")) {
  console.log("\n| case | writes | errors | target |\n| --- | ---: | ---: | ---: |");
  if (server) await writeCase("PostgreSQL", server, 250);
  await writeCase("PGlite", undefined, 150);
  console.log("\n| CPU per write (/proc) | app | PostgreSQL backends | client |\n| --- | ---: | ---: | ---: |");
  for (const line of writeCpuLines) console.log(line);
}

console.log("\n| target | value | met |\n| --- | ---: | --- |");
for (const r of results) console.log(`| ${r.label} (${r.target}) | ${r.value.toFixed(2)} | ${r.met ? "yes" : "NO"} |`);
// Issue 13's targets are not all met yet (bench/README.md says which and why): they are reported on
// every run and enforced with BENCH_HTTP_ENFORCE=1, so that CI keeps the other benchmarks' gates.
if (results.some((r) => !r.met) && process.env.BENCH_HTTP_ENFORCE === "1") process.exitCode = 1;
process.exit();
