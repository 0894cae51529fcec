// `npm run bench`: every benchmark under bench/, one process each (so one's warm-up or garbage
// does not colour another's figures). Each exits non-zero when it misses its target.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => tier(a) - tier(b) || a.localeCompare(b));

// The benchmarks that measure pure CPU work run first, then those on a small database of their own,
// last those that seed a million-row desk (shared or their own): once one is seeded, the server's
// autovacuum of it competes for this machine's cores for minutes (the export benchmark, which ran
// after the first seed, lost 20-30 ms to it).
function tier(file: string): number {
  const source = fs.readFileSync(path.join(dir, file), "utf8");
  if (/openSeededDesk|seedDesk\(/.test(source)) return 2;
  return /BENCH_DATABASE_URL/.test(source) ? 1 : 0;
}

const failed: string[] = [];
for (const file of files) {
  console.log(`\n## ${file}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(dir, file)], {
    stdio: "inherit",
  });
  console.log(`(${file}: exit ${result.status}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) failed.push(file);
}
// The large desk the PostgreSQL benchmarks share (support/seed-desk.ts) is seeded once per run.
const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (server && process.env.BENCH_KEEP_SEED !== "1") {
  const { dropSeededDesks } = await import("./support/seed-desk");
  await dropSeededDesks(server);
}
if (failed.length) {
  console.error(`\nMissed targets: ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`\nAll ${files.length} benchmarks met their targets.`);
