import "server-only";
import { VERDICTS } from "@/domain/vocabulary";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { csvRow } from "../reports/escape";
import { getApprovalTimes } from "./approval-times";
import { getDeskAttention } from "./desk-attention";
import { getQueueAge } from "./queue-age";
import { getVerdictMix } from "./verdict-mix";
import { getWeeklyActivity } from "./weekly-activity";

/** The dashboard's charts, by the name their CSV download is addressed with. */
export const DASHBOARD_CHARTS = ["activity", "approval-time", "queue", "verdicts", "attention"] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

const isChart = (name: string): name is DashboardChart => (DASHBOARD_CHARTS as readonly string[]).includes(name);

/**
 * One dashboard chart as CSV: the same lib/ query the page draws it from, every cell through
 * `csvCell` (no formula injection). An unknown chart name is a 404.
 */
export async function exportDashboardCsv(
  actor: Actor | null,
  chart: string,
  now = new Date(),
): Promise<{ filename: string; csv: string }> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  if (!isChart(chart)) throw notFound("That chart");
  const lines = await csvLines(actor, chart, now);
  return { filename: `dashboard-${chart}-${now.toISOString().slice(0, 10)}.csv`, csv: lines.map(csvRow).join("\r\n") + "\r\n" };
}

type Cell = string | number | null;

async function csvLines(actor: Actor | null, chart: DashboardChart, now: Date): Promise<Cell[][]> {
  switch (chart) {
    case "activity": {
      const rows = await getWeeklyActivity(actor, now);
      return [
        ["week_starting", "marked", "submitted", "approved"],
        ...rows.map((r) => [r.week, r.marked, r.submitted, r.approved]),
      ];
    }
    case "approval-time": {
      const rows = await getApprovalTimes(actor, now);
      return [
        ["week_starting", "approvals", "median_hours_to_approval"],
        ...rows.map((r) => [r.week, r.approvals, r.medianHours]),
      ];
    }
    case "queue": {
      const q = await getQueueAge(actor, now);
      return [
        ["in_review", "oldest_submitted_at", "oldest_waiting_hours", "median_waiting_hours"],
        [q.inReview, q.oldestSubmittedAt, q.oldestHours, q.medianHours],
      ];
    }
    case "verdicts": {
      const rows = await getVerdictMix(actor, now);
      return [["month", ...VERDICTS, "total"], ...rows.map((r) => [r.month, ...VERDICTS.map((v) => r.counts[v]), r.total])];
    }
    case "attention": {
      const a = await getDeskAttention(actor);
      return [
        ["measure", "count"],
        ["due_for_recheck", a.dueForRecheck],
        ["broken_sources", a.brokenSources],
      ];
    }
  }
}
