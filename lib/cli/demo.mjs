// `npm run demo`: build if needed, migrate and seed the embedded database, serve, and say how to
// log in. Plain Node (no tsx) so that it is the first thing that works on a fresh clone.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const port = process.env.PORT ?? "3000";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  // Kept beside the embedded database so sessions survive a restart of the demo.
  const file = path.join(root, ".data", "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "db", "proxy.ts", "next.config.js", "package.json"].map((p) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return 0;
    return fs.statSync(full).isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
  });
  return Math.max(...sources) > built;
}

const env = { ...process.env, AUTH_SECRET: authSecret(), SEED_DEMO: process.env.SEED_DEMO ?? "1", PORT: port };
if (!env.DATABASE_URL) delete env.DATABASE_URL;

function run(cmd, args, label) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

if (needsBuild()) {
  console.log("Building the app (first run, or sources changed)…");
  run(bin("next"), ["build"], "The build");
}
console.log("Preparing the database…");
run(bin("tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], "Preparing the database");

const server = spawn(bin("next"), ["start", "-p", port], { stdio: ["ignore", "pipe", "inherit"], env });
server.stdout.pipe(process.stdout);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const res = await fetch(`${url}/api/health`);
    const body = await res.json();
    if (res.ok) {
      const password = process.env.DEMO_PASSWORD ? "the DEMO_PASSWORD you set" : '"factcheck-demo"';
      console.log(`
  Fact-check Desk is running at ${url}  (database: ${body.database})

  Log in as editor@example.com, editor2@example.com, reviewer@example.com or admin@example.com
  with the password ${password}. Stop with Ctrl+C.
`);
      break;
    }
  } catch {
    /* not up yet */
  }
}
