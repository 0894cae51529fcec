/**
 * Report renderer benchmark. Standalone: `npx tsx bench/report.bench.ts`.
 * Exits 1 if a median is over its target, so CI can run it as a check.
 */
import { performance } from "node:perf_hooks";
import { VERDICTS } from "../lib/claims/verdicts";
import { renderJson } from "../lib/reports/render-json";
import { renderJsonLd } from "../lib/reports/render-jsonld";
import { renderPdf } from "../lib/reports/render-pdf";
import type { ReportClaim, ReportData } from "../lib/reports/types";

const FINAL_VERDICTS = VERDICTS.filter((verdict) => verdict !== "unverified");

function buildReport(claimCount: number): ReportData {
  const claims: ReportClaim[] = Array.from({ length: claimCount }, (_, i) => ({
    id: `claim-${String(i).padStart(5, "0")}`,
    position: i * 240,
    exact: `In the United Kingdom, we are at 2.${i % 10} per cent (claim ${i})`,
    // Longer than the 100 characters a report quotes, so the clipping path is measured too.
    contextBefore:
      "And that is why, as we meet here discussing these important issues, it’s hugely important that we step up defence spending, across Nato allies particularly.\n\n“",
    contextAfter:
      ", heading to 2.5 per cent as soon as we can get there, and we urge all allies across the Nato family to get serious about defence spending.",
    claimant: i % 3 === 0 ? "The Example Paper" : "David Lammy",
    claimantType: i % 3 === 0 ? "Organization" : "Person",
    statement: `Claim ${i}: the UK spends 2.${i % 10} per cent of its gross domestic product on defence, according to the foreign secretary.`,
    claimDate: "2024-12-04",
    verdict: FINAL_VERDICTS[i % FINAL_VERDICTS.length] ?? "verified",
    rationale:
      "Nato's estimates for 2024, published in June 2024, put UK defence expenditure at 2.33% of GDP.\n\n" +
      "The House of Commons Library gives the same figure, measured the way Nato counts it.",
    status: "approved",
    approvedBy: "Priya Reviewer",
    approvedAt: "2024-12-05T14:20:00.000Z",
    sources: [
      {
        title: "Defence Expenditure of NATO Countries (2014-2024)",
        publisher: "NATO",
        url: `https://www.nato.int/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-en.pdf?c=${i}`,
        accessedAt: "2024-12-05",
        quote: "United Kingdom: 2.33 (2024e), defence expenditure as a share of GDP.",
        kind: "primary",
        internal: false,
      },
      {
        title: "UK defence spending",
        publisher: "House of Commons Library",
        url: "https://commonslibrary.parliament.uk/research-briefings/cbp-8175/",
        accessedAt: "2024-12-05",
        quote: null,
        kind: "secondary",
        internal: false,
      },
    ],
  }));
  return {
    variant: "public",
    article: {
      id: "bench",
      title: "Lammy urges Nato allies to ‘get serious’ about defence spending",
      slug: "bench",
      url: "https://paper.example.com/politics/lammy-nato-defence-spending",
      publisher: "The Example Paper",
      author: "Sam Writer",
      publishedAt: "2024-12-04T10:30:00.000Z",
    },
    organization: { name: "Fact-check Desk", url: "https://desk.example" },
    reportUrl: "https://desk.example/reports/bench",
    generatedAt: "2024-12-12T09:00:00.000Z",
    firstPublishedAt: "2024-12-05T16:00:00.000Z",
    modifiedAt: null,
    claims,
    corrections: claims
      .filter((_, i) => i % 50 === 0)
      .map((claim) => ({
        claimId: claim.id,
        date: "2024-12-10T11:15:00.000Z",
        from: "verified",
        to: claim.verdict,
        note: "Re-rated.",
      })),
  };
}

interface Case {
  name: string;
  claims: number;
  targetMs: number;
  warmup: number;
  runs: number;
  run: (data: ReportData) => unknown;
}

const CASES: Case[] = [
  { name: "renderJsonLd", claims: 1000, targetMs: 100, warmup: 5, runs: 21, run: renderJsonLd },
  { name: "renderJson", claims: 1000, targetMs: 100, warmup: 5, runs: 21, run: renderJson },
  { name: "renderPdf", claims: 100, targetMs: 2000, warmup: 2, runs: 7, run: renderPdf },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const rows: Array<Record<string, string>> = [];
let failed = false;
for (const c of CASES) {
  const data = buildReport(c.claims);
  for (let i = 0; i < c.warmup; i += 1) await c.run(data);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < c.runs; i += 1) {
    const start = performance.now();
    const out = await c.run(data);
    times.push(performance.now() - start);
    size = typeof out === "string" ? Buffer.byteLength(out) : Buffer.isBuffer(out) ? out.length : 0;
  }
  const med = median(times);
  const ok = med <= c.targetMs;
  failed ||= !ok;
  rows.push({
    case: c.name,
    claims: String(c.claims),
    "median ms": med.toFixed(1),
    "min ms": Math.min(...times).toFixed(1),
    "max ms": Math.max(...times).toFixed(1),
    "target ms": String(c.targetMs),
    output: `${(size / 1024).toFixed(0)} KiB`,
    result: ok ? "ok" : "OVER TARGET",
  });
}

const columns = Object.keys(rows[0] ?? {});
const widths = columns.map((col) => Math.max(col.length, ...rows.map((row) => (row[col] ?? "").length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(line(columns));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of rows) console.log(line(columns.map((col) => row[col] ?? "")));

if (failed) {
  console.error("At least one renderer is over its target.");
  process.exit(1);
}
