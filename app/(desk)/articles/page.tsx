import type { Metadata } from "next";
import Link from "next/link";
import { ARTICLE_QUERY_MAX, listArticles } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { pageData, pageListData } from "@/lib/http/page";
import { formatWhen } from "@/lib/workflow/history-text";
import { listMyChangesRequested } from "@/lib/workflow/list-queue";
import { FirstRunHint } from "../../components/first-run-hint";
import { ProgressBar } from "../../components/progress-bar";
import { VerdictBadge } from "../../components/verdict-badge";

export const metadata: Metadata = { title: "Articles" };

export default async function ArticlesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : "";
  const before = typeof params.before === "string" ? params.before : undefined;
  const {
    data: { articles, next },
    filterError: listError,
  } = await pageListData((query) => listArticles(actor, query), { ...(q ? { q } : {}), ...(before ? { before } : {}) });
  const sentBack = can(actor, "claim:submit") ? await pageData(() => listMyChangesRequested(actor)) : [];
  const now = new Date();
  return (
    <div className="page">
      <div className="toolbar">
        <h1 style={{ marginRight: "auto" }}>Articles</h1>
        {can(actor, "article:write") && (
          <Link className="button" href="/articles/new">
            New article
          </Link>
        )}
      </div>
      {sentBack.length > 0 && (
        <section className="card sent-back" aria-labelledby="sent-back-title" data-testid="sent-back">
          <h2 id="sent-back-title" style={{ marginTop: 0 }}>
            Sent back to you ({sentBack.length})
          </h2>
          <p className="muted" style={{ marginTop: 0 }}>
            A reviewer asked for changes on these claims. Revise each one, then resubmit it from the claim panel.
          </p>
          <ul className="sent-back-list">
            {sentBack.map((item) => (
              <li key={item.claimId} data-testid="sent-back-item">
                <Link href={`/articles/${item.article.id}?claim=${item.claimId}`} className="quote">
                  {item.statement}
                </Link>{" "}
                <VerdictBadge verdict={item.verdict} />
                <div className="muted small">
                  in {item.article.title}
                  {item.requestedBy && <> · asked by {item.requestedBy.name}</>}
                  {item.requestedAt && <> · {formatWhen(item.requestedAt, { now })} (UTC)</>}
                </div>
                {item.reason && (
                  <p className="status-reason request" style={{ whiteSpace: "pre-wrap" }}>
                    {item.reason}
                  </p>
                )}
                {item.statusReason && <p className="warning">{item.statusReason}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="get" action="/articles" className="toolbar" role="search" aria-label="Search articles">
        <label>
          Search titles <input type="search" name="q" defaultValue={q} maxLength={ARTICLE_QUERY_MAX} />
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
        {(q || before) && <Link href="/articles">Newest articles</Link>}
      </form>
      {listError && (
        <p role="alert" className="error">
          {listError}
        </p>
      )}
      {articles.length === 0 && !q && !before ? (
        <FirstRunHint canAddArticles={can(actor, "article:write")} />
      ) : articles.length === 0 ? (
        <p className="muted">{q ? `No article title matches “${q}”.` : "No articles yet."}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Articles and their fact-check progress</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Publisher</th>
              <th scope="col">Published</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/articles/${a.id}`}>{a.title}</Link>
                  {a.revision > 1 && <span className="muted"> · revision {a.revision}</span>}
                </td>
                <td>{a.publisher ?? "—"}</td>
                <td>{a.publishedAt ?? "—"}</td>
                <td>
                  <ProgressBar progress={a.progress} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p>
          <Link href={`/articles?${new URLSearchParams({ ...(q ? { q } : {}), before: next })}`}>Older articles</Link>
        </p>
      )}
    </div>
  );
}
