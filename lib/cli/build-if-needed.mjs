// Shared by `npm run demo` and the browser tests: run `next build` only when sources changed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function needsBuild(root = process.cwd()) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const inputs = [
    "app",
    "lib",
    "db",
    "domain",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.js",
    "package.json",
    "package-lock.json",
  ];
  return Math.max(...inputs.map((p) => newestMtime(path.join(root, p)))) > built;
}

export function buildIfNeeded(env = process.env, root = process.cwd()) {
  if (!needsBuild(root)) return;
  console.log("Building the app (first run, or sources changed)…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}
