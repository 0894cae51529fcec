import type { Metadata } from "next";
import Link from "next/link";
import { listArticles } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";
import { AppError } from "@/lib/errors";
import { pageData } from "@/lib/http/page";
import { listReviewQueue, type QueuePage } from "@/lib/workflow/list-queue";
import type { QueueQuery } from "@/lib/workflow/schemas";
import { VerdictBadge } from "../../components/verdict-badge";
import { formatWaiting } from "./format-waiting";

export const metadata: Metadata = { title: "Review queue" };

const FILTER_KEYS = ["article", "verdict", "editor", "assigned"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

/** A GET form sends "" for "All": those are no filter, not a malformed one. */
function firstValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === "" ? undefined : s;
}

function queueHref(filters: Filters, after?: string): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (after) params.set("after", after);
  const qs = params.toString();
  return qs ? `/queue?${qs}` : "/queue";
}

export default async function QueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const actor = await getCurrentActor();
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = firstValue(raw[key]);
    if (value !== undefined) filters[key] = value;
  }
  const after = firstValue(raw.after);
  const query: QueueQuery = { ...filters, ...(after ? { after } : {}) } as QueueQuery;

  // The unfiltered first page lists who has claims waiting: the editor filter offers those names.
  // (It also settles 401/403 before anything else is shown.)
  const overview = await pageData(() => listReviewQueue(actor, { limit: 100 }));
  let page: QueuePage = { items: [], next: null };
  let invalid: AppError | null = null;
  try {
    page = await pageData(() => listReviewQueue(actor, query));
  } catch (err) {
    // A hand-edited URL (unknown verdict, broken cursor) is the reader's mistake: say so, keep the page.
    if (err instanceof AppError && err.code === "validation_failed") invalid = err;
    else throw err;
  }
  const { articles } = await pageData(() => listArticles(actor, { limit: 200 }));

  const editors = new Map<string, string>();
  for (const item of [...overview.items, ...page.items]) editors.set(item.editor.id, item.editor.name);
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  return (
    <div className="page">
      <h1>Review queue</h1>
      <p className="muted">Claims waiting for a reviewer across all articles, the longest-waiting first.</p>

      <form method="get" action="/queue" className="queue-filters" aria-label="Filter the queue">
        <label>
          Article
          <select name="article" defaultValue={filters.article ?? ""}>
            <option value="">All articles</option>
            {articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Verdict
          <select name="verdict" defaultValue={filters.verdict ?? ""}>
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {VERDICT_INFO[v].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Editor
          <select name="editor" defaultValue={filters.editor ?? ""}>
            <option value="">All editors</option>
            {[...editors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="assigned" value="me" defaultChecked={filters.assigned === "me"} /> Assigned to me
        </label>
        <div className="row-controls">
          <button type="submit">Filter</button>
          {filtered && (
            <Link href="/queue" className="button secondary">
              Clear filters
            </Link>
          )}
        </div>
      </form>

      {invalid && (
        <div role="alert" className="error">
          {invalid.message}
          {invalid.fields && (
            <ul style={{ margin: "0.25rem 0 0" }}>
              {Object.entries(invalid.fields).map(([k, v]) => (
                <li key={k}>{v}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {!invalid && page.items.length === 0 ? (
        <div className="card empty-state" data-testid="queue-empty">
          {filtered || after ? (
            <p style={{ margin: 0 }}>
              No claims in review match these filters. <Link href="/queue">Show the whole queue</Link>
            </p>
          ) : (
            <p style={{ margin: 0 }}>Nothing is waiting for review. New submissions appear here.</p>
          )}
        </div>
      ) : null}

      {page.items.length > 0 && (
        <table className="table" data-testid="queue">
          <caption className="sr-only">Claims in review, oldest submission first</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Article</th>
              <th scope="col">Verdict</th>
              <th scope="col">Editor</th>
              <th scope="col">Waiting</th>
              <th scope="col">Text</th>
              <th scope="col">Assigned</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.claimId} data-testid="queue-item" data-claim-id={item.claimId}>
                <td>
                  <Link href={`/review/${item.claimId}`} className="quote">
                    {item.statement}
                  </Link>
                  {!item.canApprove && (
                    <div className="muted small">You worked on this claim: another reviewer must approve it.</div>
                  )}
                </td>
                <td>
                  <Link href={`/articles/${item.article.id}?claim=${item.claimId}`}>{item.article.title}</Link>
                </td>
                <td>
                  <VerdictBadge verdict={item.verdict} />
                </td>
                <td>{item.editor.name}</td>
                <td>
                  <time dateTime={item.submittedAt} title={`Submitted ${item.submittedAt}`}>
                    {formatWaiting(item.waitingSeconds)}
                  </time>
                </td>
                <td>
                  {item.textChanged ? (
                    <span className="flag" title={item.statusReason ?? "The article text under this claim changed."}>
                      Text changed
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {item.assignedReviewer ? (
                    item.assignedReviewer.id === actor?.id ? (
                      "You"
                    ) : (
                      item.assignedReviewer.name
                    )
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {(page.next || after) && (
        <nav aria-label="Queue pages" className="row-controls" style={{ marginTop: "0.75rem" }}>
          {after && <Link href={queueHref(filters)}>First page</Link>}
          {page.next && (
            <Link href={queueHref(filters, page.next)} rel="next">
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
