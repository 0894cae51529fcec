import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getCurrentActor } from "@/lib/auth/current-user";
import { getApprovalTimes } from "@/lib/dashboard/approval-times";
import type { DashboardChart } from "@/lib/dashboard/dashboard-csv";
import { getDeskAttention } from "@/lib/dashboard/desk-attention";
import { getQueueAge } from "@/lib/dashboard/queue-age";
import { getVerdictMix } from "@/lib/dashboard/verdict-mix";
import { getWeeklyActivity } from "@/lib/dashboard/weekly-activity";
import { VERDICTS } from "@/domain/vocabulary";
import { pageData } from "@/lib/http/page";
import { BarChart } from "./bar-chart";
import { LineChart } from "./line-chart";

export const metadata: Metadata = { title: "Dashboard" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-06-15" → "15 Jun" (a week's Monday). */
const weekLabel = (day: string) => `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
/** "2026-06-01" → "Jun 2026". */
const monthLabel = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
const verdictName = (v: string) => v.replace("_", " ");
const hoursText = (h: number | null) => (h === null ? "—" : `${h} h`);

/** One chart: caption, drawing, the same numbers as a table, and its CSV download. */
function Chart({
  id,
  title,
  note,
  chart,
  children,
}: {
  id: DashboardChart;
  title: string;
  note: string;
  chart: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="dashboard-chart card" aria-labelledby={`${id}-caption`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong> <span className="muted">{note}</span>
      </figcaption>
      {chart}
      <div className="table-scroll">{children}</div>
      <p>
        <a href={`/dashboard/csv/${id}`} download>
          Download “{title}” as CSV
        </a>
      </p>
    </figure>
  );
}

/**
 * The desk's dashboard: how much is marked, submitted and approved, how long approval takes, the
 * queue now, the verdicts given, and what needs attention. Drawn on the server as SVG; each chart
 * has its numbers in a table beside it and as a CSV download.
 */
export default async function DashboardPage() {
  const actor = await getCurrentActor();
  const now = new Date();
  const [activity, times, queue, verdicts, attention] = await pageData(() =>
    Promise.all([
      getWeeklyActivity(actor, now),
      getApprovalTimes(actor, now),
      getQueueAge(actor, now),
      getVerdictMix(actor, now),
      getDeskAttention(actor),
    ]),
  );
  const weeks = activity.map((w) => weekLabel(w.week));
  return (
    <div className="page">
      <h1>Dashboard</h1>
      <p className="muted">Weeks start on Monday (UTC); the current week and month are not over yet.</p>
      <div className="dashboard-grid">
        <Chart
          id="activity"
          title="Claims per week"
          note="Marked, submitted and approved in each of the last 12 weeks (each claim by its latest submission and approval)."
          chart={
            <BarChart
              id="activity"
              categories={weeks}
              series={[
                { name: "Marked", values: activity.map((w) => w.marked) },
                { name: "Submitted", values: activity.map((w) => w.submitted) },
                { name: "Approved", values: activity.map((w) => w.approved) },
              ]}
            />
          }
        >
          <table aria-labelledby="activity-caption">
            <thead>
              <tr>
                <th scope="col">Week starting</th>
                <th scope="col">Marked</th>
                <th scope="col">Submitted</th>
                <th scope="col">Approved</th>
              </tr>
            </thead>
            <tbody>
              {activity.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  <td>{w.marked}</td>
                  <td>{w.submitted}</td>
                  <td>{w.approved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Chart>

        <Chart
          id="approval-time"
          title="Time to approval"
          note="Median hours from submission to approval, by week of approval; no point where nothing was approved."
          chart={<LineChart categories={weeks} values={times.map((t) => t.medianHours)} />}
        >
          <table aria-labelledby="approval-time-caption">
            <thead>
              <tr>
                <th scope="col">Week starting</th>
                <th scope="col">Approvals</th>
                <th scope="col">Median time to approval</th>
              </tr>
            </thead>
            <tbody>
              {times.map((t) => (
                <tr key={t.week}>
                  <th scope="row">{t.week}</th>
                  <td>{t.approvals}</td>
                  <td>{hoursText(t.medianHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Chart>

        <Chart
          id="queue"
          title="Review queue now"
          note={`${queue.inReview} ${queue.inReview === 1 ? "claim" : "claims"} in review: how long the oldest and the median claim have waited.`}
          chart={
            <BarChart
              id="queue"
              categories={["Oldest wait (h)", "Median wait (h)"]}
              series={[{ name: "Hours waiting", values: [queue.oldestHours ?? 0, queue.medianHours ?? 0] }]}
            />
          }
        >
          <table aria-labelledby="queue-caption">
            <tbody>
              <tr>
                <th scope="row">Claims in review</th>
                <td>{queue.inReview}</td>
              </tr>
              <tr>
                <th scope="row">Oldest waiting since</th>
                <td>{queue.oldestSubmittedAt ?? "—"}</td>
              </tr>
              <tr>
                <th scope="row">Oldest wait</th>
                <td>{hoursText(queue.oldestHours)}</td>
              </tr>
              <tr>
                <th scope="row">Median wait</th>
                <td>{hoursText(queue.medianHours)}</td>
              </tr>
            </tbody>
          </table>
        </Chart>

        <Chart
          id="verdicts"
          title="Verdicts per month"
          note="Approved claims per verdict in each of the last 6 months (each claim by its latest approval)."
          chart={
            <BarChart
              id="verdicts"
              stacked
              categories={verdicts.map((m) => monthLabel(m.month))}
              series={VERDICTS.map((v) => ({ name: verdictName(v), values: verdicts.map((m) => m.counts[v]) }))}
            />
          }
        >
          <table aria-labelledby="verdicts-caption">
            <thead>
              <tr>
                <th scope="col">Month</th>
                {VERDICTS.map((v) => (
                  <th scope="col" key={v}>
                    {verdictName(v)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {verdicts.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  {VERDICTS.map((v) => (
                    <td key={v}>{m.counts[v]}</td>
                  ))}
                  <td>{m.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Chart>

        <Chart
          id="attention"
          title="Needs attention"
          note="Approved claims due for re-check, and sources whose link is broken, now."
          chart={
            <BarChart
              id="attention"
              categories={["Due for re-check", "Broken sources"]}
              series={[{ name: "Count", values: [attention.dueForRecheck, attention.brokenSources] }]}
            />
          }
        >
          <table aria-labelledby="attention-caption">
            <tbody>
              <tr>
                <th scope="row">Claims due for re-check</th>
                <td>{attention.dueForRecheck}</td>
              </tr>
              <tr>
                <th scope="row">Broken sources</th>
                <td>{attention.brokenSources}</td>
              </tr>
            </tbody>
          </table>
        </Chart>
      </div>
    </div>
  );
}
