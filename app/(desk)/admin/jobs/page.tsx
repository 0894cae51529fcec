import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { type JobListItem, listFailedJobs, listScheduledRuns } from "@/lib/jobs/list-jobs";
import { RetryJobForm } from "./retry-job-form";

export const metadata: Metadata = { title: "Background jobs" };

function when(iso: string | null): string {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";
}

function dataSummary(job: JobListItem): string {
  const text = JSON.stringify(job.data ?? {});
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export default async function JobsPage() {
  const actor = await getCurrentActor();
  const [failed, runs] = await pageData(() => Promise.all([listFailedJobs(actor), listScheduledRuns(actor)]));
  return (
    <div className="page">
      <p>
        <Link href="/admin">← Users</Link>
      </p>
      <h1>Background jobs</h1>
      <p className="muted">
        Source checks, re-check dates and webhooks run in the background and are retried with growing delays. A job listed here
        failed every attempt.
      </p>
      <h2>Failed jobs</h2>
      {failed.length === 0 ? (
        <p data-testid="no-failed-jobs">No failed jobs.</p>
      ) : (
        <table className="table" data-testid="failed-jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Data</th>
              <th scope="col">Error</th>
              <th scope="col">Attempts</th>
              <th scope="col">Failed at</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {failed.map((job) => (
              <tr key={job.id}>
                <td>{job.name}</td>
                <td>
                  <code>{dataSummary(job)}</code>
                </td>
                <td>{job.error ?? "—"}</td>
                <td>{job.retryCount + 1}</td>
                <td>{when(job.completedAt)}</td>
                <td>
                  <RetryJobForm name={job.name} id={job.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Latest scheduled runs</h2>
      {runs.length === 0 ? (
        <p>No scheduled run yet.</p>
      ) : (
        <table className="table" data-testid="scheduled-runs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Queued at</th>
              <th scope="col">Finished at</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((job) => (
              <tr key={job.id}>
                <td>{job.name}</td>
                <td>{job.state}</td>
                <td>{when(job.createdAt)}</td>
                <td>{when(job.completedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
