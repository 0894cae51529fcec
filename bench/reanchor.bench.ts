/**
 * Re-anchoring benchmark against the docs/anchoring.md speed targets.
 *
 *   npx tsx bench/reanchor.bench.ts
 *
 * Builds a deterministic ~100,000-character article with 1,000 claims and times
 * `reanchorClaims` for four kinds of new revision. Exits with status 1 when a median exceeds its
 * target or any single run exceeds 3 s, so CI can run it as a check.
 *
 * Times are the process's CPU time per run (user + system, `process.cpuUsage`), as the suggestion
 * benchmark measures: reanchorClaims is synchronous, so on a core of its own that is its wall
 * time, and it does not grow when other work on the machine takes the core away (a CI-like run
 * with tests beside it measured the unchanged case at 5.1 ms wall against 1.6 ms alone). The wall
 * time is printed beside it.
 */
import { createAnchor, type AnchorState } from "../lib/anchoring/anchor";
import { reanchorClaims, type ClaimToReanchor, type ReanchorResult } from "../lib/anchoring/reanchor";
import { canonicalizeText } from "../lib/text/canonical";

const TARGET_CHARS = 100_000;
const CLAIM_COUNT = 1_000;
const WARM_UP_RUNS = 2;
const TIMED_RUNS = 7;
const NEVER_OVER_MS = 3_000;

/** Runs `f` once: its result, the process's CPU milliseconds and the wall milliseconds it took. */
function timed<T>(f: () => T): { result: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, cpu: (c.user + c.system) / 1000, wall };
}

// ---------------------------------------------------------------------------------------------
// Deterministic article generator

/** mulberry32: tiny, fast and good enough to make the same article on every machine. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

interface Story {
  subjects: readonly string[];
  verbs: readonly string[];
  clauses: readonly string[];
}

const DEFENCE: Story = {
  subjects: [
    "The defence secretary",
    "Mr Lammy",
    "The foreign secretary",
    "Officials in Brussels",
    "The prime minister",
    "Nato’s secretary general",
    "The Treasury",
    "European ministers",
    "A senior diplomat",
    "The Kremlin",
    "Opposition MPs",
    "The chancellor",
    "Military analysts",
    "The US president-elect",
    "German officials",
    "The Ministry of Defence",
    "Polish leaders",
    "Ukraine’s foreign minister",
    "A government spokesperson",
    "Sir Keir Starmer",
  ],
  verbs: [
    "said",
    "warned",
    "argued",
    "insisted",
    "told reporters",
    "confirmed",
    "claimed",
    "suggested",
    "announced",
    "acknowledged",
  ],
  clauses: [
    "spending on defence would rise to {pct} of gross domestic product by {year}",
    "the alliance had deployed {count} troops to its eastern flank",
    "{count} North Korean soldiers had been sent to assist Russia’s invasion",
    "the budget for the armed forces would grow by {money} over {n} years",
    "allies must “get serious” about the threat from Moscow",
    "the United Kingdom was already spending {pct} on defence",
    "a further {money} in military aid would be sent to Kyiv before {month}",
    "the time to act was now, as conflicts grew in Ukraine and the Middle East",
    "{n} member states still missed the {pct} target agreed in {year}",
    "air defence systems worth {money} had been ordered from {country}",
    "the summit in {city} would focus on ammunition production",
    "exports of shells rose by {pct} compared with {year}",
    "the cost of the programme had risen to {money} – twice the original estimate",
    "{count} reservists would be called up in {month}",
    "talks with {country} had been “constructive but difficult”",
    "inflation had eaten into the real value of the defence budget since {year}",
  ],
};

/** A different story for the "whole article replaced" revision: an editor pasted the wrong text. */
const FLOODS: Story = {
  subjects: [
    "The Environment Agency",
    "Residents of the valley",
    "The county council",
    "Forecasters",
    "Insurers",
    "Emergency crews",
    "The local MP",
    "Farmers near the estuary",
    "Rail operators",
    "Hydrologists",
  ],
  verbs: ["reported", "explained", "estimated", "feared", "stressed", "noted", "predicted", "revealed"],
  clauses: [
    "river levels peaked {n} hours after the storm made landfall",
    "{count} homes had been flooded since {month}",
    "repairs to sea walls would cost about {money}",
    "rainfall was {pct} above the seasonal average",
    "a red warning remained in place for {city}",
    "sandbags were handed out from {n} depots overnight",
    "claims for storm damage reached {money} in {year}",
    "drainage works promised in {year} had never started",
    "the reservoir was at {pct} of capacity",
    "schools in {n} districts stayed closed on Monday",
  ],
};

const COUNTRIES = ["France", "Germany", "Poland", "Norway", "Italy", "Spain", "Sweden", "Finland", "Turkey", "Canada"];
const CITIES = ["Brussels", "The Hague", "Vilnius", "Warsaw", "Madrid", "Rome", "Berlin", "Helsinki", "Oslo", "Riga"];
const MONTHS = ["January", "March", "April", "June", "September", "October", "November", "December"];

function fillClause(random: Random, template: string): string {
  return template
    .replace("{pct}", `${1 + Math.floor(random() * 4)}.${Math.floor(random() * 10)} per cent`)
    .replace("{year}", String(2018 + Math.floor(random() * 12)))
    .replace("{count}", `${1 + Math.floor(random() * 60)},${String(Math.floor(random() * 1000)).padStart(3, "0")}`)
    .replace("{money}", `£${1 + Math.floor(random() * 40)}.${Math.floor(random() * 10)}bn`)
    .replace("{n}", String(2 + Math.floor(random() * 20)))
    .replace("{month}", pick(random, MONTHS))
    .replace("{country}", pick(random, COUNTRIES))
    .replace("{city}", pick(random, CITIES));
}

function sentence(random: Random, story: Story): string {
  const clause = fillClause(random, pick(random, story.clauses));
  const subject = pick(random, story.subjects);
  const verb = pick(random, story.verbs);
  if (random() < 0.2) return `“${clause[0]?.toUpperCase()}${clause.slice(1)},” ${subject.toLowerCase()} ${verb}.`;
  return `${subject} ${verb} that ${clause}.`;
}

function paragraph(random: Random, story: Story): string {
  const count = 2 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => sentence(random, story)).join(" ");
}

function article(seed: number, story: Story): string[] {
  const random = createRandom(seed);
  const paragraphs: string[] = [];
  let length = 0;
  while (length < TARGET_CHARS) {
    const p = paragraph(random, story);
    paragraphs.push(p);
    length += p.length + 2;
  }
  return paragraphs;
}

const join = (paragraphs: string[]): string => canonicalizeText(paragraphs.join("\n\n"));

// ---------------------------------------------------------------------------------------------
// Claims and revisions

function makeClaims(text: string, seed: number): ClaimToReanchor[] {
  const random = createRandom(seed);
  const claims: ClaimToReanchor[] = [];
  const sentences = [...text.matchAll(/[^.\n]+[.]/g)];
  while (claims.length < CLAIM_COUNT) {
    const match = pick(random, sentences);
    const s = (match.index ?? 0) + (match[0].length - match[0].trimStart().length);
    const sentenceText = match[0].trim();
    // Either the whole sentence or a few words of it, as a fact-checker would mark them.
    const words = [...sentenceText.matchAll(/\S+/g)];
    let start = s;
    let end = s + sentenceText.length;
    if (random() < 0.7 && words.length > 4) {
      const first = Math.floor(random() * (words.length - 3));
      const last = Math.min(words.length - 1, first + 2 + Math.floor(random() * 8));
      start = s + (words[first]?.index ?? 0);
      const lastWord = words[last];
      end = s + (lastWord?.index ?? 0) + (lastWord?.[0].length ?? 0);
    }
    // The article has no astral characters, so UTF-16 offsets are code point offsets.
    claims.push({ id: `c${claims.length}`, anchor: createAnchor(text, start, end) });
  }
  return claims;
}

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/ said /, " stated "],
  [/per cent/, "percent"],
  [/’/, "'"],
  [/ – /, " - "],
  [/ would /, " will "],
  [/Brussels/, "Bruxelles"],
  [/\d,\d{3}/, "12,500"],
  [/ the /, " the entire "],
];

function copyEdited(paragraphs: string[], edits: number, seed: number): string {
  const random = createRandom(seed);
  const edited = [...paragraphs];
  for (let n = 0; n < edits; n++) {
    const i = Math.floor(random() * edited.length);
    const [pattern, replacement] = pick(random, REPLACEMENTS);
    edited[i] = (edited[i] ?? "").replace(pattern, replacement);
  }
  return join(edited);
}

function rewritten(paragraphs: string[], share: number, seed: number): string {
  const random = createRandom(seed);
  return join(paragraphs.map((p) => (random() < share ? paragraph(random, DEFENCE) : p)));
}

// ---------------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  newText: string;
  targetMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function countStates(results: ReanchorResult[]): Record<AnchorState, number> {
  const counts: Record<AnchorState, number> = { anchored: 0, relocated: 0, changed: 0, ambiguous: 0, orphaned: 0 };
  for (const r of results) counts[r.state]++;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Figures: claims that are just a number, or a number and the word after it, in a revision where
// every figure of the article changed. Each claim's own figure is known (ground truth), so a
// claim that comes back `anchored` or `relocated` anywhere else was moved silently onto another
// figure: the one thing a fact-check desk must never see. Flagging it (`changed`, `ambiguous`,
// `orphaned`) is fine; so is `changed` on its own new figure.

/** A whole number token: "3", "2.3", "12,500", "2029"; not part of "£12.5bn". */
const FIGURE = /(?<![\p{L}\p{N}.,£$€])\d+(?:[.,]\d+)*(?![\p{L}\p{N}]|[.,]\d)/gu;

interface FigureCase {
  oldText: string;
  newText: string;
  claims: ClaimToReanchor[];
  /** Claim id → where its own figure (and word) stands in the new text, in code points. */
  truth: Map<string, { start: number; end: number }>;
}

/** Another figure of the same shape: every digit moved on by 1–8, so no figure stays as it was. */
function otherFigure(figure: string, random: Random): string {
  return figure.replace(/\d/g, (d) => String((Number(d) + 1 + Math.floor(random() * 8)) % 10));
}

function figureCase(oldText: string, seed: number, figureClaims: number, wordClaims: number): FigureCase {
  const random = createRandom(seed);
  const figures = [...oldText.matchAll(FIGURE)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  // The new text, and where each old figure went in it.
  let newText = "";
  let last = 0;
  const moved = figures.map((f) => {
    newText += oldText.slice(last, f.start);
    const start = newText.length;
    newText += otherFigure(oldText.slice(f.start, f.end), random);
    last = f.end;
    return { start, end: newText.length };
  });
  newText += oldText.slice(last);

  const claims: ClaimToReanchor[] = [];
  const truth = new Map<string, { start: number; end: number }>();
  const chosen = new Set<number>();
  const add = (withWord: boolean): void => {
    let i = Math.floor(random() * figures.length);
    while (chosen.has(i)) i = (i + 1) % figures.length;
    chosen.add(i);
    const f = figures[i]!;
    const to = moved[i]!;
    // "3 troops", "2.3 per": the figure and the word after it.
    const word = withWord ? (/^\s+\S+/.exec(oldText.slice(f.end))?.[0] ?? "") : "";
    const id = `${withWord ? "fw" : "f"}${claims.length}`;
    claims.push({ id, anchor: createAnchor(oldText, f.start, f.end + word.length) });
    truth.set(id, { start: to.start, end: to.end + word.length });
  };
  for (let n = 0; n < figureClaims; n++) add(false);
  for (let n = 0; n < wordClaims; n++) add(true);
  return { oldText, newText, claims, truth };
}

interface FigureOutcome {
  counts: Record<AnchorState, number>;
  /** `anchored` or `relocated` away from the claim's own figure. */
  silentMoves: number;
  /** `changed` on a figure that is not the claim's own (flagged, but at the wrong place). */
  changedElsewhere: number;
  /** `changed` on the claim's own new figure: the best possible answer. */
  changedInPlace: number;
}

function judgeFigures(results: ReanchorResult[], truth: FigureCase["truth"]): FigureOutcome {
  const outcome: FigureOutcome = { counts: countStates(results), silentMoves: 0, changedElsewhere: 0, changedInPlace: 0 };
  for (const r of results) {
    const own = truth.get(r.id)!;
    const onOwn = r.start < own.end && own.start < r.end;
    if ((r.state === "anchored" || r.state === "relocated") && !onOwn) outcome.silentMoves++;
    if (r.state === "changed") {
      if (onOwn) outcome.changedInPlace++;
      else outcome.changedElsewhere++;
    }
  }
  return outcome;
}

function figureBenchmark(oldText: string): boolean {
  const cases = [
    { name: "figure only", ...figureCase(oldText, 31, 239, 0) },
    { name: "figure + word", ...figureCase(oldText, 37, 0, 239) },
  ];
  console.log(`\nevery figure changed (${cases[0]!.truth.size} + ${cases[1]!.truth.size} claims with ground truth)\n`);
  const header = [
    "claims",
    "median CPU ms",
    "anchored",
    "relocated",
    "changed (own)",
    "changed (elsewhere)",
    "ambiguous",
    "orphaned",
    "silent moves",
  ];
  const rows: string[][] = [];
  let failed = false;
  for (const c of cases) {
    let results: ReanchorResult[] = [];
    for (let i = 0; i < WARM_UP_RUNS; i++) results = reanchorClaims(c.oldText, c.newText, c.claims);
    const times: number[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      const run = timed(() => reanchorClaims(c.oldText, c.newText, c.claims));
      results = run.result;
      times.push(run.cpu);
    }
    if (results.length !== c.claims.length) throw new Error(`${c.name}: ${results.length} results for ${c.claims.length} claims`);
    const o = judgeFigures(results, c.truth);
    failed ||= o.silentMoves > 0 || median(times) > 500;
    rows.push([
      c.name,
      median(times).toFixed(1),
      String(o.counts.anchored),
      String(o.counts.relocated),
      String(o.changedInPlace),
      String(o.changedElsewhere),
      String(o.counts.ambiguous),
      String(o.counts.orphaned),
      String(o.silentMoves),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  if (failed) console.error("\nA figure claim was moved silently onto another figure (target: none), or the run was too slow.");
  return !failed;
}

function main(): void {
  const paragraphs = article(20241204, DEFENCE);
  const oldText = join(paragraphs);
  const claims = makeClaims(oldText, 7);
  // Rewritten paragraphs are about the same story (same phrases, other numbers), which is the
  // hard case: lookalikes of the old claims are everywhere.
  const scenarios: Scenario[] = [
    { name: "unchanged", newText: oldText, targetMs: 5 },
    { name: "40 copy-edits", newText: copyEdited(paragraphs, 40, 11), targetMs: 50 },
    { name: "20% paragraphs rewritten", newText: rewritten(paragraphs, 0.2, 13), targetMs: 500 },
    { name: "whole article replaced", newText: join(article(99, FLOODS)), targetMs: NEVER_OVER_MS },
  ];

  console.log(
    `article: ${oldText.length} characters, ${paragraphs.length} paragraphs, ${claims.length} claims; ` +
      `median of ${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs, CPU time of the process (node ${process.version})\n`,
  );
  const header = [
    "scenario",
    "median CPU ms",
    "median wall ms",
    "max wall ms",
    "target ms",
    "anchored",
    "relocated",
    "changed",
    "ambiguous",
    "orphaned",
    "",
  ];
  const rows: string[][] = [];
  let failed = false;
  for (const { name, newText, targetMs } of scenarios) {
    let results: ReanchorResult[] = [];
    for (let i = 0; i < WARM_UP_RUNS; i++) results = reanchorClaims(oldText, newText, claims);
    const times: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      const run = timed(() => reanchorClaims(oldText, newText, claims));
      results = run.result;
      times.push(run.cpu);
      walls.push(run.wall);
    }
    const m = median(times);
    const worst = Math.max(...walls);
    const ok = m <= targetMs && worst <= NEVER_OVER_MS;
    failed ||= !ok;
    const c = countStates(results);
    rows.push([
      name,
      m.toFixed(1),
      median(walls).toFixed(1),
      worst.toFixed(1),
      String(targetMs),
      String(c.anchored),
      String(c.relocated),
      String(c.changed),
      String(c.ambiguous),
      String(c.orphaned),
      ok ? "ok" : "TOO SLOW",
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  if (failed) console.error("\nA scenario exceeded its docs/anchoring.md target.");
  const figuresOk = figureBenchmark(oldText);
  if (failed || !figuresOk) process.exit(1);
}

main();
