// The local PostgreSQL cluster behind a URL, for the scripts that stop, start or restart it on
// purpose: the reliability check (tests/reliability/run.mjs) and the load-and-faults run
// (bench/faults.mjs). They run alone, never next to other database tests.
import { spawnSync } from "node:child_process";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The Debian cluster (pg_lsclusters) serving the port of `url`, or the one PG_CLUSTER names
 * ("15/main"); null when there is none on this machine.
 */
export function clusterOf(url) {
  if (process.env.PG_CLUSTER) {
    const [version, name] = process.env.PG_CLUSTER.split(/[/ ]/);
    return { version, name };
  }
  const port = new URL(url).port || "5432";
  const out = spawnSync("pg_lsclusters", ["-h"], { encoding: "utf8" });
  if (out.status !== 0) return null;
  const line = out.stdout
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[2] === port);
  return line ? { version: line[0], name: line[1] } : null;
}

/** `pg_ctlcluster VERSION NAME stop|start|restart` (stop and restart in fast mode); throws on failure. */
export function pgctl(cluster, action) {
  const r = spawnSync(
    "pg_ctlcluster",
    ["--skip-systemctl-redirect", ...(action === "start" ? [] : ["-m", "fast"]), cluster.version, cluster.name, action],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`pg_ctlcluster ${action} failed: ${r.stderr || r.stdout}`);
}

/** Whether the server of `url` accepts connections (pg_isready). */
export function pgReady(url) {
  const u = new URL(url);
  return spawnSync("pg_isready", ["-q", "-h", u.hostname, "-p", u.port || "5432"]).status === 0;
}

/** Starts the cluster if it is not accepting connections; true once it does (within 30 s). */
export async function ensureServerUp(cluster, url) {
  if (pgReady(url)) return true;
  try {
    pgctl(cluster, "start");
  } catch (err) {
    console.error(String(err));
  }
  for (let i = 0; i < 60 && !pgReady(url); i++) await sleep(500);
  return pgReady(url);
}
