import type { Metadata } from "next";
import Link from "next/link";
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, auditActionLabel } from "@/lib/audit/audit-actions";
import { parseAuditRow } from "@/lib/audit/audit-catalogue";
import { type AuditRow, listAuditEvents } from "@/lib/audit/list-audit";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData, pageListData } from "@/lib/http/page";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Audit log" };

/** The filters the page passes on to lib/ (and keeps in its "Older events" link). */
const FILTER_KEYS = ["action", "actor", "from", "to"] as const;

const ACTIONS = Object.entries(AUDIT_ACTION_LABELS).sort((a, b) => a[1].localeCompare(b[1]));

function details(e: AuditRow): string {
  const parts: Record<string, unknown> = {};
  if (e.before !== null && e.before !== undefined) parts.before = e.before;
  if (e.after !== null && e.after !== undefined) parts.after = e.after;
  if (e.meta !== null && e.meta !== undefined) parts.meta = e.meta;
  return JSON.stringify(parts, null, 2);
}

function permissionOf(e: AuditRow): string | null {
  const parsed = parseAuditRow(e);
  if (!parsed.ok || parsed.event.action !== "access.denied") return null;
  const { permission, reason } = parsed.event.meta;
  return reason ? `${permission}: ${reason}` : permission;
}

function Target({ e }: { e: AuditRow }) {
  const t = e.target;
  const label = t.label && t.label.length > 90 ? `${t.label.slice(0, 89)}…` : t.label;
  return (
    <>
      {t.href && label ? (
        <Link href={t.href} data-testid={`audit-${t.type}-link`}>
          {t.type === "claim" ? `“${label}”` : label}
        </Link>
      ) : label ? (
        <span>{t.type === "claim" ? `“${label}”` : label}</span>
      ) : (
        <span className="muted">
          {t.type}
          {t.id ? ` ${t.id.slice(0, 8)}` : ""}
        </span>
      )}
      {t.gone && <span className="muted"> (deleted)</span>}
      {t.article && (
        <span className="muted small">
          {" "}
          in{" "}
          <Link href={t.article.href} data-testid="audit-article-link">
            {t.article.title}
          </Link>
        </span>
      )}
    </>
  );
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const params = await searchParams;
  const query: Partial<Record<(typeof FILTER_KEYS)[number] | "before", string>> = {};
  for (const key of [...FILTER_KEYS, "before"] as const) {
    const v = params[key];
    if (typeof v === "string" && v) query[key] = v;
  }
  const { data: page, filterError: error } = await pageListData((q) => listAuditEvents(actor, q), query);
  const people = await pageData(() => listUsers(actor));
  const filters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (query[k] ? [[k, query[k]]] : [])));
  const nextHref = page.next ? `/admin/audit?${new URLSearchParams({ ...filters, before: String(page.next) })}` : null;
  const filtered = Object.keys(filters).length > 0;
  return (
    <div className="page">
      <p>
        <Link href="/admin">← Users</Link>
      </p>
      <h1>Audit log</h1>
      <p className="muted">
        Every change, login and refused action, newest first. Times in UTC. Nobody can edit or delete these rows.
      </p>
      <form method="get" className="toolbar audit-filters" aria-label="Filter the audit log">
        <label htmlFor="audit-actor">Person</label>
        <select id="audit-actor" name="actor" defaultValue={query.actor ?? ""}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
          <option value="">Everything</option>
          <optgroup label="Kinds of action">
            {AUDIT_ACTION_GROUPS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </optgroup>
          <optgroup label="One action">
            {ACTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </optgroup>
        </select>
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="date" name="from" defaultValue={query.from ?? ""} />
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" type="date" name="to" defaultValue={query.to ?? ""} />
        <button type="submit">Filter</button>
        {filtered && <Link href="/admin/audit">Clear filters</Link>}
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="table audit-table">
        <caption className="sr-only">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">On</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((e) => {
            const permission = e.action === "access.denied" ? permissionOf(e) : null;
            return (
              <tr key={e.id} data-action={e.action} data-testid="audit-row">
                <td>{e.at.replace("T", " ").slice(0, 19)}</td>
                <td>
                  {e.actor ? (
                    <Link href={`/admin/audit?${new URLSearchParams({ actor: e.actor.id })}`} title={e.actor.email}>
                      {e.actor.name}
                    </Link>
                  ) : (
                    <span className="muted">system / anonymous</span>
                  )}
                </td>
                <td>
                  <strong>{auditActionLabel(e.action)}</strong>
                  {permission && <span className="muted"> ({permission})</span>}
                  {e.summary && <div className="small">{e.summary}</div>}
                  {e.problem && (
                    <div className="small error" data-testid="audit-row-problem">
                      This row does not match its action&apos;s recorded shape ({e.problem}); it is shown as stored.
                    </div>
                  )}
                </td>
                <td>
                  <Target e={e} />
                </td>
                <td className="audit-details">
                  <details>
                    <summary>
                      <code>{e.action}</code>
                    </summary>
                    <pre>{details(e)}</pre>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {page.items.length === 0 && <p className="muted">{filtered ? "No events match these filters." : "No events."}</p>}
      {nextHref && (
        <p>
          <Link href={nextHref}>Older events</Link>
        </p>
      )}
    </div>
  );
}
