import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents } from "@/lib/audit/list-audit";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageListData } from "@/lib/http/page";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = [
  ["", "Everything"],
  ["auth.", "Logins and sign-outs"],
  ["auth.login_failed", "Failed logins"],
  ["access.denied", "Refused actions"],
  ["user.", "User changes"],
  ["article.", "Articles"],
  ["claim.", "Claims"],
  ["source.", "Sources"],
  ["comment.", "Comments"],
  ["report.", "Reports"],
] as const;

function summary(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const params = await searchParams;
  const query: Record<string, string> = {};
  for (const key of ["action", "before"] as const) {
    const v = params[key];
    if (typeof v === "string" && v) query[key] = v;
  }
  const { data: page, filterError: error } = await pageListData((q) => listAuditEvents(actor, q), query);
  const nextHref = page.next
    ? `/admin/audit?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), before: String(page.next) })}`
    : null;
  return (
    <div className="page">
      <p>
        <Link href="/admin">← Users</Link>
      </p>
      <h1>Audit log</h1>
      <p className="muted">
        Every change, login and refused action, newest first. Times in UTC. Nobody can edit or delete these rows.
      </p>
      <form method="get" className="toolbar" aria-label="Filter the audit log">
        <label>
          Show{" "}
          <select name="action" defaultValue={query.action ?? ""}>
            {FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="table">
        <caption className="sr-only">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td>{e.at.replace("T", " ").slice(0, 19)}</td>
              <td>{e.actor ? e.actor.name : <span className="muted">system / anonymous</span>}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.targetType}
                {e.targetId ? <span className="muted"> {e.targetId.slice(0, 8)}</span> : null}
              </td>
              <td style={{ fontSize: "0.8rem", wordBreak: "break-word" }}>{summary(e.after ?? e.meta ?? e.before)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.items.length === 0 && <p className="muted">No events.</p>}
      {nextHref && (
        <p>
          <Link href={nextHref}>Older events</Link>
        </p>
      )}
    </div>
  );
}
