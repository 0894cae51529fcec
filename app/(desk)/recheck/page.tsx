import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { VERDICTS } from "@/lib/claims/verdicts";
import { AppError } from "@/lib/errors";
import { pageData } from "@/lib/http/page";
import { type DueQuery, listDueClaims } from "@/lib/recheck/list-due-claims";

export const metadata: Metadata = { title: "Due for re-check" };

const STATES = [
  ["all", "All due claims"],
  ["waiting", "Not started"],
  ["in_recheck", "Being re-checked"],
] as const;

/**
 * Approved verdicts whose re-check date has passed (marked by the daily job), the longest-due
 * first. Re-checking is the usual cycle: the editor re-checks and sends it to review (or edits
 * the verdict), another reviewer approves, and the claim leaves this list.
 */
export default async function DueForRecheckPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const params = await searchParams;
  const query: Record<string, string> = {};
  for (const key of ["articleId", "verdict", "state", "after"] as const) {
    const v = params[key];
    if (typeof v === "string" && v) query[key] = v;
  }
  // A bad filter or page link shows the whole list with the reason, instead of an error page.
  const { page, error } = await pageData(async () => {
    try {
      return { page: await listDueClaims(actor, query as DueQuery), error: null };
    } catch (err) {
      if (err instanceof AppError && err.code === "validation_failed") {
        return { page: await listDueClaims(actor, {}), error: Object.values(err.fields ?? {})[0] ?? err.message };
      }
      throw err;
    }
  });
  const { after: _after, ...filters } = query;
  const nextHref = page.next ? `/recheck?${new URLSearchParams({ ...filters, after: page.next })}` : null;
  return (
    <div className="page">
      <h1>Due for re-check</h1>
      <p className="muted">
        Approved verdicts whose re-check date has passed. Figures that move (troops, prices, polls) come due sooner.
      </p>
      <form method="get" className="toolbar" aria-label="Filter the due list">
        <label>
          Verdict{" "}
          <select name="verdict" defaultValue={query.verdict ?? ""}>
            <option value="">Any</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          State{" "}
          <select name="state" defaultValue={query.state ?? "all"}>
            {STATES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {query.articleId && <input type="hidden" name="articleId" value={query.articleId} />}
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {page.items.length === 0 ? (
        <p data-testid="due-empty">No claim is due for re-check.</p>
      ) : (
        <table className="table" data-testid="due-list">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Article</th>
              <th scope="col">Verdict</th>
              <th scope="col">Re-check by</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((c) => (
              <tr key={c.id} data-testid="due-claim">
                <td>
                  <Link href={`/review/${c.id}`}>{c.statement}</Link>
                </td>
                <td>
                  <Link href={`/recheck?${new URLSearchParams({ ...filters, articleId: c.articleId })}`}>{c.articleTitle}</Link>
                </td>
                <td>{c.verdict}</td>
                <td>{c.recheckBy ?? "—"}</td>
                <td>{c.status === "approved" ? "not started" : `being re-checked (${c.status.replace("_", " ")})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextHref && (
        <p>
          <Link href={nextHref} rel="next">
            Next page →
          </Link>
        </p>
      )}
    </div>
  );
}
