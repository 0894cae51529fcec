/**
 * Benchmark for suggestClaims: `npx tsx bench/suggest.bench.ts`.
 *
 * Builds a deterministic ~100,000-character news-like article (seeded PRNG, so every run and every
 * machine measures the same text) and a denser one from the labelled evaluation articles, warms
 * up, then reports the median CPU and wall time of several runs. Exits 1 when a median CPU time
 * exceeds the budget of 50 ms per 100,000 characters. CPU time is the gate because the 2-core
 * machine is shared: its wall clock counts other engineers' test runs (load average 5–30).
 *
 * Thirty warm-up runs, not five: the process's CPU time also counts V8's optimising compiler,
 * which works on background threads and, on a loaded machine, was still compiling suggestClaims
 * during the measured runs after five (those medians were 40–60 % above the steady state). The
 * median of the warm-up runs after the first is reported too, as "while warming up".
 */
import { suggestClaims } from "../lib/suggestions/suggest-claims";
import { loadEvalSet } from "../tests/support/suggestion-eval";

const BUDGET_MS_PER_100K = 50;
const TARGET_CHARS = 100_000;
const WARMUP_RUNS = 30;
const MEASURED_RUNS = 31;

/** mulberry32: tiny, fast and good enough to vary the text reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20241204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const decimal = () => `${int(1, 9)}.${int(0, 9)}`;
const thousands = () => int(1, 99).toLocaleString("en-GB") + "," + String(int(0, 999)).padStart(3, "0");

const FIRST = [
  "David",
  "Rachel",
  "Sarah",
  "John",
  "Amira",
  "Tom",
  "Linda",
  "Priya",
  "Keir",
  "Emma",
  "Oliver",
  "Fatima",
  "James",
  "Chen",
];
const LAST = [
  "Lammy",
  "Reeves",
  "Evans",
  "Healey",
  "Hassan",
  "Baker",
  "Park",
  "Sharma",
  "Starmer",
  "Clarke",
  "Okafor",
  "Novak",
  "Jones",
  "Wei",
];
const TITLES = ["the foreign secretary", "the chancellor", "the health minister", "the mayor", "the chief executive"];
const ORGS = [
  "the Office for National Statistics",
  "the Bank of England",
  "the Institute for Fiscal Studies",
  "the World Health Organization",
  "Nato",
];
const PLACES = ["Brussels", "Wales", "Estonia", "Kyiv", "Manchester", "the Middle East", "Poland", "Scotland"];
const THINGS = ["nurses", "troops", "homes", "jobs", "patients", "teachers", "food parcels", "flights"];
const TOPICS = ["defence spending", "the health service", "housing", "energy bills", "public transport", "school funding"];

const person = () => `${pick(FIRST)} ${pick(LAST)}`;

const PROSE = [
  () => `The meeting in ${pick(PLACES)} comes as questions continue to be asked about ${pick(TOPICS)}.`,
  () => `Officials spent much of the afternoon discussing ${pick(TOPICS)} behind closed doors.`,
  () => `The debate has divided opinion across the country, with campaigners on both sides making their case.`,
  () => `Residents in ${pick(PLACES)} said they had heard little about the plans until this week.`,
  () => `It comes after a difficult period for the government, which has faced criticism over ${pick(TOPICS)}.`,
  () => `Talks are continuing, and a further announcement is not expected before the end of the session.`,
];
const FIGURES = [
  () => `Spending on ${pick(TOPICS)} rose by ${decimal()} per cent since ${int(2010, 2022)}, according to ${pick(ORGS)}.`,
  () => `The programme has cost £${decimal()}bn so far, more than twice the original estimate.`,
  () => `Some ${thousands()} ${pick(THINGS)} were affected in ${pick(PLACES)} last year.`,
  () =>
    `Unemployment fell to ${decimal()}% in the three months to ${pick(["March", "June", "September"])}, the lowest level since ${int(1990, 2015)}.`,
  () => `One in ${int(3, 9)} ${pick(THINGS)} in ${pick(PLACES)} is now affected, up from one in ${int(10, 20)} a decade ago.`,
  () => `${pick(PLACES)} has the largest fleet of electric buses in Europe, with ${int(200, 900)} vehicles.`,
  () => `The scheme will cost $${decimal()} million and create ${int(100, 999)} jobs by ${int(2026, 2030)}.`,
];
const QUOTES = [
  () => `“We are at ${decimal()} per cent, heading to ${decimal()} per cent,” ${person()} said.`,
  () => `${person()}, ${pick(TITLES)}, said: “Demand has never been higher, and we handed out ${thousands()} ${pick(THINGS)}.”`,
  () => `“I think we should be proud of that,” she told reporters in ${pick(PLACES)}.`,
  () => `“This is the biggest investment in a generation,” ${person()} said, “and it costs half the price of the old plan.”`,
  () => `He said the figures showed a fall of ${int(2, 30)} per cent in waiting times.`,
  () => `“The time to act is now,” ${pick(TITLES)} warned.`,
];
const OTHER = [
  () => `Should the council really spend £${int(10, 99)}m on it?`,
  () => `Economists think inflation will fall to ${int(1, 4)} per cent by next year.`,
  () => `The minister should resign, the opposition said.`,
  () => `Will prices keep rising?`,
];

function sentence(): string {
  const r = random();
  if (r < 0.45) return pick(PROSE)();
  if (r < 0.7) return pick(FIGURES)();
  if (r < 0.9) return pick(QUOTES)();
  return pick(OTHER)();
}

function buildArticle(): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < TARGET_CHARS) {
    let paragraph: string;
    if (random() < 0.08) {
      // A quotation running over paragraphs, as in the sample article.
      paragraph = `“${pick(FIGURES)()}\n\n“${pick(PROSE)()} Every one of us has a part to play,” ${pick(["he", "she"])} said.`;
    } else {
      paragraph = Array.from({ length: int(1, 4) }, sentence).join(" ");
    }
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join("\n\n").slice(0, TARGET_CHARS + 400);
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

interface Measured {
  name: string;
  chars: number;
  suggestions: number;
  coldMs: number;
  warmupCpu: number;
  wall: number;
  wallP95: number;
  cpu: number;
}

function measure(name: string, text: string): Measured {
  const coldStart = performance.now();
  let suggestions = suggestClaims(text);
  const coldMs = performance.now() - coldStart;
  const warmupCpu: number[] = [];
  for (let i = 1; i < WARMUP_RUNS; i++) {
    const c0 = process.cpuUsage();
    suggestions = suggestClaims(text);
    const cpu = process.cpuUsage(c0);
    warmupCpu.push((cpu.user + cpu.system) / 1000);
  }
  const times: number[] = [];
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  const cpuTimes: number[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    suggestions = suggestClaims(text);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const per100k = (ms: number) => (ms * 100_000) / text.length;
  return {
    name,
    chars: text.length,
    suggestions: suggestions.length,
    coldMs,
    warmupCpu: per100k(
      percentile(
        warmupCpu.slice(0, 5).sort((a, b) => a - b),
        50,
      ),
    ),
    wall: per100k(percentile(times, 50)),
    wallP95: per100k(percentile(times, 95)),
    cpu: per100k(percentile(cpuTimes, 50)),
  };
}

// The labelled evaluation articles, repeated: denser in figures and quotations than the
// generated text, so the harder case for the budget.
const evalText = loadEvalSet()
  .map((a) => a.text)
  .join("\n\n");
let dense = "";
while (dense.length < TARGET_CHARS) dense += `${evalText}\n\n`;

const results = [measure("generated news text", buildArticle()), measure("evaluation articles, repeated", dense.trimEnd())];
console.log(`suggestClaims benchmark (node ${process.version}), ${MEASURED_RUNS} runs after ${WARMUP_RUNS} warm-up each`);
for (const r of results) {
  console.log(`  ${r.name}: ${r.chars.toLocaleString("en-GB")} chars, ${r.suggestions} suggestions`);
  console.log(`    first call (includes lexicon load): ${r.coldMs.toFixed(1)} ms`);
  console.log(`    CPU time while warming up (runs 2–6), median: ${r.warmupCpu.toFixed(2)} ms per 100,000 chars`);
  console.log(`    CPU time, median: ${r.cpu.toFixed(2)} ms per 100,000 chars`);
  console.log(`    wall time, median: ${r.wall.toFixed(2)} ms, p95 ${r.wallP95.toFixed(2)} ms per 100,000 chars`);
}
console.log(`  budget: ${BUDGET_MS_PER_100K} ms per 100,000 chars (median CPU time of the process)`);

let failed = false;
for (const r of results) {
  if (r.suggestions === 0) {
    console.error(`FAIL: ${r.name}: no suggestions at all`);
    failed = true;
  }
  if (r.cpu > BUDGET_MS_PER_100K) {
    console.error(`FAIL: ${r.name}: median CPU ${r.cpu.toFixed(2)} ms per 100,000 chars exceeds ${BUDGET_MS_PER_100K} ms`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log("OK");
