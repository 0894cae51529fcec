// The built app as a process, shared by the scripts that serve it to real clients: the browser
// tests (tests/e2e/run.mjs), the two-instance suite (tests/cluster/run.mjs) and the load-and-faults
// run (bench/faults.mjs). A fresh database (a new one on the PostgreSQL server, or a PGlite
// folder), the demo seed, `server.mjs` (the production entry: TRUSTED_PROXIES, graceful drain,
// /api/ready) on a free port, and a wait for /api/health.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const root = process.cwd();

export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

export const newRunId = () => crypto.randomBytes(4).toString("hex");

/** `url` with its database part replaced by `name`. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, empty database named `name` on the server of `serverUrl`; `drop()` removes it (open
 * connections are cut).
 */
export async function createPostgresDatabase(serverUrl, name) {
  const admin = withDatabase(serverUrl, "postgres");
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await s.end({ timeout: 5 });
      }
    },
  };
}

/**
 * A fresh database for one run: on the PostgreSQL server of `serverUrl` when given, else an
 * embedded PGlite folder under the system's temp directory. Returns the variables that point the
 * app at it and `cleanup()`.
 */
export async function freshDatabase(prefix, serverUrl) {
  const runId = newRunId();
  if (serverUrl) {
    const db = await createPostgresDatabase(serverUrl, `${prefix}_${runId}`);
    return { runId, env: { DATABASE_URL: db.url, PGLITE_DIR: undefined }, cleanup: db.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`));
  return {
    runId,
    env: { DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, "pglite") },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Migrates the database of `env` and creates the demo users and article (SEED_DEMO=1 in `env`). */
export function seedDatabase(env) {
  const seed = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], {
    stdio: "inherit",
    env: definedOnly(env),
  });
  if (seed.status !== 0) throw new Error("seeding the database failed");
}

function definedOnly(env) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

/**
 * Starts `server.mjs` with `env` on `port` (PORT is set here), its output in `logFile`; lines on
 * stderr are echoed with `label` unless `quiet`. Resolves once /api/health answers 200.
 */
export async function startApp({ env, port, label = "server", logFile, quiet = false, healthTimeoutMs = 90_000 }) {
  const log = fs.createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: definedOnly({ ...env, PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (!quiet) child.stderr.on("data", (d) => process.stderr.write(`[${label}] ${d}`));

  const base = `http://localhost:${port}`;
  const app = {
    base,
    port,
    child,
    logFile,
    exit,
    get exited() {
      return exited;
    },
    /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`). */
    async stop(signal = "SIGTERM", timeoutMs = 12_000) {
      if (exited) return exit;
      child.kill(signal);
      const timer = setTimeout(() => !exited && child.kill("SIGKILL"), timeoutMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
  };
  const deadline = Date.now() + healthTimeoutMs;
  let up = false;
  while (!up && !exited && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    up = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
  }
  if (!up) {
    await app.stop("SIGKILL");
    throw new Error(`${label} did not become healthy within ${healthTimeoutMs / 1000} s (log: ${logFile})`);
  }
  return app;
}
