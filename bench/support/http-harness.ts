// Shared by the HTTP benchmarks: a scratch PostgreSQL database with a seeded desk, the built app
// served by the production server (server.mjs, as `npm start`) on it, a login, and autocannon runs.
// Each piece stops what it started.
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, migrateDatabase, openPglite, openPostgres } from "../../db/client";
import { hashPassword } from "../../lib/users/password";
// Plain JS module shared with `npm run demo` and the browser tests.
import { buildIfNeeded } from "../../lib/cli/build-if-needed.mjs";

export const PASSWORD = "bench-password-1";
export const EDITOR_ID = "00000000-0000-4000-8000-000000000001";
export const REVIEWER_ID = "00000000-0000-4000-8000-000000000002";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export { median } from "./stats";

export interface ScratchDatabase {
  url?: string;
  pgliteDir?: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** A new database on the benchmark server (dropped by `drop`), or a new embedded one in a temp folder. */
export async function scratchDatabase(server: string | undefined, label: string): Promise<ScratchDatabase> {
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fcd-bench-${label}-`));
    const pgliteDir = path.join(dir, "pglite");
    const handle = await openPglite(pgliteDir);
    await migrateDatabase(handle);
    return {
      pgliteDir,
      handle,
      async drop() {
        await handle.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `fcd_bench_${label}_${process.pid}`;
  const admin = new URL(server);
  admin.pathname = "/postgres";
  const adminDb = await openPostgres(admin.toString(), 1);
  await adminDb.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await adminDb.db.execute(sql.raw(`create database "${name}"`));
  const target = new URL(server);
  target.pathname = `/${name}`;
  const handle = await openPostgres(target.toString(), 4);
  await migrateDatabase(handle);
  return {
    url: target.toString(),
    handle,
    async drop() {
      await handle.close().catch(() => {});
      await adminDb.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await adminDb.close();
    },
  };
}

/** An editor (`ed@bench.example`) and a reviewer (`rev@bench.example`) who can log in with PASSWORD. */
export async function seedUsers(handle: DatabaseHandle): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  await handle.db.execute(sql`insert into users (id, email, name, role, password_hash) values
    (${EDITOR_ID}, 'ed@bench.example', 'Ed', 'editor', ${hash}),
    (${REVIEWER_ID}, 'rev@bench.example', 'Rev', 'reviewer', ${hash})`);
}

/**
 * An editor and a reviewer who can log in, `articles` articles and `claims` claims of which 40 %
 * are in review (the same shape as bench/queue.bench.ts).
 */
export async function seedDesk(handle: DatabaseHandle, counts: { articles: number; claims: number }): Promise<void> {
  const db = handle.db;
  await seedUsers(handle);
  await db.execute(sql`insert into articles (id, title, slug, created_by)
    select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'Article ' || g, 'article-' || g, ${EDITOR_ID}
    from generate_series(1, ${counts.articles}) g`);
  await db.execute(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
    select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid,
           1, 'Body of article ' || g || '. The figure is 2.3 per cent.', 'h', 1, ${EDITOR_ID}
    from generate_series(1, ${counts.articles}) g`);
  await db.execute(sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, verdict, status, submitted_at, created_by, updated_by, assigned_reviewer_id)
    select ('00000000-0000-4000-9000-' || lpad((g % ${counts.articles} + 1)::text, 12, '0'))::uuid, 'Body', 0, 4,
           ('00000000-0000-4000-a000-' || lpad((g % ${counts.articles} + 1)::text, 12, '0'))::uuid, 'Claim ' || g,
           (array['verified','false','disputed','misleading'])[g % 4 + 1],
           case when g % 5 < 2 then 'in_review' else 'draft' end,
           case when g % 5 < 2 then now() - (g || ' seconds')::interval end,
           ${EDITOR_ID}, ${EDITOR_ID},
           case when g % 50 = 0 then ${REVIEWER_ID}::uuid end
    from generate_series(1, ${counts.claims}) g`);
  await db.execute(sql`analyze`);
}

export interface AppServer {
  base: string;
  /** The server process, for its CPU time (`cpuSeconds`). */
  pid: number;
  stop(): Promise<void>;
}

/** CPU time (user + system) a process on this machine has used so far, in seconds, from /proc; null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/**
 * CPU seconds spent so far by every PostgreSQL server process on this machine (backends, WAL
 * writer, checkpointer…): what the database costs a load, when nothing else uses it meanwhile.
 * Null where /proc cannot be read.
 */
export function postgresCpuSeconds(): number | null {
  let total = 0;
  try {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
        total += cpuSeconds(Number(entry)) ?? 0;
      } catch {
        // the process ended between the listing and the read
      }
    }
  } catch {
    return null;
  }
  return total;
}

/**
 * The production server (server.mjs: Next.js behind node:http, the hottest JSON routes served
 * without the framework's router) on the given database, built first when sources changed, healthy
 * before it returns. `FAST_ROUTES: "off"` in extraEnv measures with every request through Next.js.
 */
export async function startApp(
  db: { url?: string; pgliteDir?: string },
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<AppServer> {
  const root = process.cwd();
  buildIfNeeded({ ...process.env, NODE_ENV: "production", DATABASE_URL: undefined, PGLITE_DIR: undefined });
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PORT: String(port),
    ORG_URL: `http://localhost:${port}`,
    DATABASE_URL: db.url,
    PGLITE_DIR: db.pgliteDir,
    // The app as deployed, rate limits on (one counter upsert per API request, part of what is
    // measured: server.mjs knows the client's address, so the user's and the address's counters),
    // but out of reach: 32 connections from one address and one user as fast as they can.
    // RATE_LIMIT=off in extraEnv measures without them.
    RATE_LIMIT: "on",
    RATE_LIMIT_PER_TOKEN: "1000000000",
    RATE_LIMIT_PER_USER: "1000000000",
    RATE_LIMIT_PER_IP: "1000000000",
    RATE_LIMIT_LOGIN_PER_IP: "1000000000",
    ...extraEnv,
  };
  if (!db.url) delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(root, "server.mjs")], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[app] ${d}`));
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return { base, pid: child.pid!, stop: () => stopChild(child) };
    }
  }
  await stopChild(child);
  throw new Error("the app did not become healthy within 60 s");
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Credentials login through the Auth.js endpoints; returns the cookie header of the session. */
export async function login(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`login as ${email} failed (${res.status})`);
  return cookie();
}

export interface LoadResult {
  rps: number;
  /** Requests answered in the run. */
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon against one URL; a run with errors or non-2xx answers is reported, not hidden. */
export async function load(
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * One request over a keep-alive connection of `agent`, its body read whole and gunzipped if the
 * server compressed it: a leaner client than `fetch` (undici's streams, Headers and promise chain
 * cost the benchmark's process 1.5–2.4 ms of CPU per request, on the same two cores as the server).
 * Ask for gzip in `headers` (the encoding the server picks for `fetch` and browsers) for the server
 * to do the same work; an answer in another encoding is refused.
 */
export function requestOnce(
  agent: http.Agent,
  url: URL,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Buffer }> {
  const headers = {
    ...opts.headers,
    ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        try {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          if (encoding && encoding !== "gzip")
            throw new Error(`${url.pathname}: answered in ${encoding}, which this client does not read`);
          resolve({ status: res.statusCode ?? 0, body: encoding === "gzip" ? zlib.gunzipSync(raw) : raw });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}
