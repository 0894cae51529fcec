// Sums a CPU profile (node --cpu-prof, e.g. BENCH_HTTP_PROFILE of bench/http.bench.ts) over a time
// window: where the process spent its samples, by function (self time) and by where the code comes
// from (a package of node_modules, Node's own internals, the app's bundle, garbage collection…), and
// the share of the samples under chosen functions (inclusive time).
//
// Usage: node bench/support/profile-summary.mjs <file.cpuprofile> [--last <seconds>] [--skip-end <seconds>]
//          [--top <n>] [--under <name,name,…>]
// --last 5: only the samples of the profile's last 5 s (the last load round when nothing ran after
// it); --skip-end 1: leave out the last second (shutdown); --under listReviewQueue,serveFast: the
// share of the busy samples with that function anywhere on the stack.
import fs from "node:fs";

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  console.error("usage: profile-summary.mjs <file.cpuprofile> [--last s] [--skip-end s] [--top n] [--under a,b]");
  process.exit(2);
}
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const last = Number(opt("last", 0));
const skipEnd = Number(opt("skip-end", 0));
const top = Number(opt("top", 30));
const under = String(opt("under", "")).split(",").filter(Boolean);

const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Where a frame's code comes from. */
function origin(frame) {
  const url = frame.url ?? "";
  const name = frame.functionName;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(idle)") return "idle";
  if (name === "(program)") return "(program: native, not attributed)";
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.includes("/.next/server/")) return "app bundle (.next/server)";
  if (url) return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  return name ? `(native) ${name}` : "(native)";
}

// Sample times: the profile's start plus the running sum of timeDeltas (µs).
const times = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));
const end = profile.endTime - skipEnd * 1e6;
const start = last > 0 ? end - last * 1e6 : profile.startTime;

let total = 0;
let idle = 0;
const self = new Map();
const origins = new Map();
const inclusive = new Map(under.map((u) => [u, 0]));
for (let i = 0; i < profile.samples.length; i++) {
  if (times[i] < start || times[i] > end) continue;
  const node = byId.get(profile.samples[i]);
  const frame = node.callFrame;
  total++;
  if (frame.functionName === "(idle)") {
    idle++;
    continue;
  }
  const key = `${frame.functionName || "(anonymous)"}  ${origin(frame)}${frame.url && !frame.url.startsWith("node:") ? `:${frame.lineNumber + 1}` : ""}`;
  self.set(key, (self.get(key) ?? 0) + 1);
  const o = origin(frame);
  origins.set(o, (origins.get(o) ?? 0) + 1);
  if (under.length > 0) {
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id).callFrame.functionName;
      if (inclusive.has(name)) seen.add(name);
    }
    for (const name of seen) inclusive.set(name, inclusive.get(name) + 1);
  }
}

const busy = total - idle;
const pct = (n) => `${((100 * n) / busy).toFixed(1)} %`;
console.log(
  `${file}: ${((end - start) / 1e6).toFixed(1)} s window, ${total} samples, ${((100 * idle) / total).toFixed(1)} % idle; shares below are of the ${busy} busy samples`,
);
console.log("\nby origin:");
for (const [o, n] of [...origins].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(n).padStart(7)}  ${o}`);
console.log("\nby function (self):");
for (const [k, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(n).padStart(7)}  ${k}`);
if (under.length > 0) {
  console.log("\nunder (inclusive):");
  for (const [name, n] of inclusive) console.log(`  ${pct(n).padStart(7)}  ${name}`);
}
