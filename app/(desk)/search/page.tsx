import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";
import { AppError } from "@/lib/errors";
import { pageData } from "@/lib/http/page";
import { listSearchEditors } from "@/lib/search/list-search-people";
import { type ClaimHit, SEARCH_LIMITS, type SearchResult } from "@/lib/search/search-schemas";
import { searchDesk } from "@/lib/search/search-desk";
import { formatWhen } from "@/lib/workflow/history-text";
import { CLAIM_STATUSES, STATUS_LABELS } from "@/lib/workflow/state-machine";
import { HighlightedText } from "./highlighted-text";
import { StatusBadge, VerdictBadge } from "../../components/verdict-badge";

export const metadata: Metadata = { title: "Search" };

const PARAMS = ["q", "verdict", "status", "claimant", "article", "editor", "from", "to", "kind", "claimsAfter", "articlesAfter"];
const FIELD_LABELS = { exact: "Quote", rationale: "How we checked", claimant: "Claimant" } as const;

function href(params: Record<string, string>, change: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change })) if (v) next.set(k, v);
  return `/search?${next.toString()}`;
}

/** Claims of one page, grouped under their article (in the order the first of each came). */
function groupByArticle(hits: ClaimHit[]): { article: ClaimHit["article"]; hits: ClaimHit[] }[] {
  const groups = new Map<string, { article: ClaimHit["article"]; hits: ClaimHit[] }>();
  for (const hit of hits) {
    const group = groups.get(hit.article.id) ?? { article: hit.article, hits: [] };
    group.hits.push(hit);
    groups.set(hit.article.id, group);
  }
  return [...groups.values()];
}

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const raw = await searchParams;
  const params: Record<string, string> = {};
  for (const key of PARAMS) if (typeof raw[key] === "string" && raw[key]) params[key] = raw[key];
  const outcome = await pageData(() =>
    searchDesk(actor, params).then(
      (result): { result: SearchResult | null; fields: Record<string, string> } => ({ result, fields: {} }),
      (err: unknown) => {
        if (err instanceof AppError && err.code === "validation_failed")
          return { result: null, fields: err.fields ?? { q: err.message } };
        throw err;
      },
    ),
  );
  const { result, fields } = outcome;
  const editors = await pageData(() => listSearchEditors(actor));
  const now = new Date();
  const filtered = Object.keys(params).some((k) => k !== "q");
  const error = (name: string) =>
    fields[name] ? (
      <span className="error" id={`search-${name}-error`}>
        {fields[name]}
      </span>
    ) : null;
  const described = (name: string) => (fields[name] ? { "aria-describedby": `search-${name}-error`, "aria-invalid": true } : {});

  return (
    <div className="page">
      <h1>Search</h1>
      <form method="get" action="/search" role="search" aria-label="Search the desk" className="card search-form">
        <div className="toolbar">
          <label>
            Words, “a phrase”, -excluded{" "}
            <input type="search" name="q" defaultValue={params.q ?? ""} maxLength={SEARCH_LIMITS.q} {...described("q")} />
          </label>
          {error("q")}
          <button type="submit">Search</button>
        </div>
        <div className="toolbar search-filters">
          <label>
            Verdict{" "}
            <select name="verdict" defaultValue={params.verdict ?? ""} {...described("verdict")}>
              <option value="">Any</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {VERDICT_INFO[v].label}
                </option>
              ))}
            </select>
          </label>
          {error("verdict")}
          <label>
            Status{" "}
            <select name="status" defaultValue={params.status ?? ""} {...described("status")}>
              <option value="">Any</option>
              {CLAIM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          {error("status")}
          <label>
            Claimant{" "}
            <input
              name="claimant"
              defaultValue={params.claimant ?? ""}
              maxLength={SEARCH_LIMITS.claimant}
              {...described("claimant")}
            />
          </label>
          {error("claimant")}
          <label>
            Editor{" "}
            <select name="editor" defaultValue={params.editor ?? ""} {...described("editor")}>
              <option value="">Anyone</option>
              {editors.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          {error("editor")}
          <label>
            From <input type="date" name="from" defaultValue={params.from ?? ""} {...described("from")} />
          </label>
          {error("from")}
          <label>
            To <input type="date" name="to" defaultValue={params.to ?? ""} {...described("to")} />
          </label>
          {error("to")}
          {params.article && <input type="hidden" name="article" value={params.article} />}
          {error("article")}
        </div>
        {params.article && (
          <p className="muted small">
            In one article only.{" "}
            <Link href={href(params, { article: undefined, claimsAfter: undefined, articlesAfter: undefined })}>
              Search every article
            </Link>
          </p>
        )}
        {filtered && <Link href={params.q ? href({ q: params.q }, {}) : "/search"}>Clear filters</Link>}
      </form>

      {result && (
        <>
          {result.query.q === "" && !filtered ? (
            <p className="muted">
              Type words, a phrase in quotes or a figure (“2.3 per cent”, “£3.4bn”) to search every claim and article.
            </p>
          ) : null}
          {params.kind !== "articles" && (
            <section aria-labelledby="claim-results" data-testid="claim-results">
              <h2 id="claim-results">Claims</h2>
              {result.claims.results.length === 0 ? (
                <p className="muted">No claim matches.</p>
              ) : (
                groupByArticle(result.claims.results).map((group) => (
                  <div key={group.article.id} className="card search-group">
                    <h3 className="search-group-title">
                      <Link href={`/articles/${group.article.id}`}>{group.article.title}</Link>{" "}
                      <Link
                        className="small"
                        href={href(params, { article: group.article.id, claimsAfter: undefined, articlesAfter: undefined })}
                      >
                        only this article
                      </Link>
                    </h3>
                    <ul className="search-hits">
                      {group.hits.map((hit) => (
                        <li key={hit.claim.id} data-testid="claim-hit">
                          <Link href={`/articles/${hit.article.id}?claim=${hit.claim.id}`} className="quote">
                            <HighlightedText
                              segments={hit.highlights.statement ?? [{ text: hit.claim.statement, match: false }]}
                            />
                          </Link>{" "}
                          <VerdictBadge verdict={hit.claim.verdict} /> <StatusBadge status={hit.claim.status} />
                          <div className="muted small">
                            {hit.claim.claimant && (
                              <>
                                by{" "}
                                {hit.highlights.claimant ? (
                                  <HighlightedText segments={hit.highlights.claimant} />
                                ) : (
                                  hit.claim.claimant
                                )}{" "}
                                ·{" "}
                              </>
                            )}
                            marked by {hit.claim.editor.name} · {formatWhen(hit.claim.createdAt, { now })} (UTC)
                          </div>
                          {(["exact", "rationale"] as const).map((field) =>
                            hit.highlights[field] ? (
                              <p key={field} className="small search-field">
                                <span className="muted">{FIELD_LABELS[field]}: </span>
                                <HighlightedText segments={hit.highlights[field]} />
                              </p>
                            ) : null,
                          )}
                          {hit.sources.map((s) => (
                            <p key={s.id} className="small search-field">
                              <span className="muted">Source: </span>
                              <HighlightedText segments={s.title} />
                              {s.publisher && <span className="muted"> · {s.publisher}</span>}
                              {s.internal && <span className="badge"> internal</span>}
                            </p>
                          ))}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))
              )}
              {result.claims.next && (
                <Link href={href(params, { kind: "claims", claimsAfter: result.claims.next, articlesAfter: undefined })}>
                  More claims
                </Link>
              )}
            </section>
          )}
          {params.kind !== "claims" && result.articles.searched && (
            <section aria-labelledby="article-results" data-testid="article-results">
              <h2 id="article-results">Articles</h2>
              {result.articles.results.length === 0 ? (
                <p className="muted">No article matches.</p>
              ) : (
                <ul className="search-hits">
                  {result.articles.results.map((hit) => (
                    <li key={hit.article.id} className="card" data-testid="article-hit">
                      <Link href={`/articles/${hit.article.id}`}>
                        <HighlightedText segments={hit.title} />
                      </Link>
                      {hit.excerpt.length > 0 && (
                        <p className="small search-field">
                          <HighlightedText segments={hit.excerpt} />
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {result.articles.next && (
                <Link href={href(params, { kind: "articles", articlesAfter: result.articles.next, claimsAfter: undefined })}>
                  More articles
                </Link>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
