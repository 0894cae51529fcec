import type { Metadata } from "next";
import Link from "next/link";
import { listDeskSuggestions } from "@/lib/articles/list-suggestions";
import { getArticleForDesk } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getClaim } from "@/lib/claims/get-claim";
import { pageData } from "@/lib/http/page";
import { requestOrigin } from "@/lib/http/request-origin";
import { cpSlice } from "@/lib/text/canonical";
import { getPublicationStatus } from "@/lib/reports/get-publication-status";
import { anchorNeedsAttention } from "@/lib/workflow/claim-rules";
import { ArticleText } from "./article-text";
import { ClaimList } from "./claim-list";
import { ClaimPanel } from "./claim-panel";
import { ClaimPanelSlot, ClaimSwitchProvider } from "./claim-switch";
import { DeleteClaimButton } from "./delete-claim-button";
import { packDeskClaims } from "./desk-claims";
import { LiveUpdates } from "@/app/components/live-updates";
import { OldAndNewText } from "@/app/components/old-and-new-text";
import { ProgressBar } from "@/app/components/progress-bar";
import { QuotedText } from "@/app/components/quoted-text";
import { ReportControls } from "./report-controls";
import { SuggestionList } from "./suggestion-list";
import { VerdictBadge } from "@/app/components/verdict-badge";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ claim?: string; reattach?: string; claims?: string }>;
}) {
  const { id } = await params;
  const { claim: claimParam, reattach: reattachParam, claims: claimsParam } = await searchParams;
  const actor = await getCurrentActor();
  const article = await pageData(() => getArticleForDesk(actor, id));
  const canWrite = can(actor, "article:write");
  const origin = await requestOrigin();
  // Independent reads, sent together.
  const [publication, suggestions, selected] = await Promise.all([
    pageData(() => getPublicationStatus(actor, article.id, { origin })),
    canWrite ? pageData(() => listDeskSuggestions(actor, article)) : [],
    typeof claimParam === "string" ? pageData(() => getClaim(actor, claimParam)) : null,
  ]);
  const current = article.claims.filter((c) => c.revision === article.revision && c.anchorState !== "orphaned");
  const orphans = article.claims.filter((c) => c.anchorState === "orphaned");
  const reattach = typeof reattachParam === "string" ? (article.claims.find((c) => c.id === reattachParam) ?? null) : null;
  // What the text and the list show of each claim: one string, which the page's payload carries once.
  const deskClaims = packDeskClaims(
    current.map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      verdict: c.verdict,
      status: c.status,
      anchorState: c.anchorState,
      statement: c.statement,
    })),
  );
  const currentText =
    selected && selected.revision === article.revision && selected.anchorState !== "orphaned"
      ? cpSlice(article.body, selected.start, selected.end)
      : null;

  return (
    <div className="page desk-page">
      <div className="toolbar">
        <div style={{ marginRight: "auto" }}>
          <h1 style={{ marginBottom: "0.2rem" }}>{article.title}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {[article.publisher, article.author, article.publishedAt].filter(Boolean).join(" · ")}
            {article.url && (
              <>
                {" · "}
                <a href={article.url} target="_blank" rel="noopener noreferrer">
                  Original
                </a>
              </>
            )}
            {" · "}revision {article.revision}
            {article.revision > 1 && (
              <>
                {" ("}
                <Link href={`/articles/${article.id}/revisions/${article.revision}`}>what changed</Link>
                {")"}
              </>
            )}
            {article.revisions.length > 1 && (
              <>
                {" · earlier: "}
                {article.revisions
                  .filter((r) => r.number !== article.revision)
                  .map((r, i) => (
                    <span key={r.number}>
                      {i > 0 && ", "}
                      <Link href={`/articles/${article.id}/revisions/${r.number}`}>revision {r.number}</Link>
                    </span>
                  ))}
              </>
            )}
          </p>
          {actor && <LiveUpdates articleId={article.id} selfId={actor.id} />}
        </div>
        <ProgressBar progress={article.progress} />
        <ReportControls
          articleId={article.id}
          canPublish={can(actor, "report:publish")}
          published={publication.published}
          publicUrl={publication.url}
          version={publication.version}
        />
        {canWrite && (
          <Link className="button secondary" href={`/articles/${article.id}/revise`}>
            Correct the text
          </Link>
        )}
      </div>
      {reattach && (
        <p className="notice">
          Re-attaching a claim: select its text in the article, then press “Attach claim to selection”.{" "}
          <Link href={`/articles/${article.id}?claim=${reattach.id}`}>Cancel</Link>
        </p>
      )}
      <ClaimSwitchProvider selectedClaimId={selected?.id ?? null}>
        <div className="desk">
          <ArticleText
            articleId={article.id}
            body={article.body}
            claims={deskClaims}
            suggestions={reattach ? [] : suggestions}
            selectedClaimId={selected?.id ?? null}
            canWrite={canWrite}
            reattach={reattach ? { id: reattach.id, version: reattach.version, exact: reattach.exact } : null}
          />
          {/* Sticky beside the text on wide screens: the panel stays in reach while the article scrolls. */}
          <aside className="side" aria-label="Claim panel and claims" data-testid="desk-side">
            {selected && (
              <ClaimPanelSlot claimId={selected.id}>
                <ClaimPanel
                  key={`${selected.id}`}
                  claim={selected}
                  canWrite={canWrite}
                  canReview={can(actor, "claim:review")}
                  textChange={
                    (selected.anchorState === "changed" || selected.anchorState === "ambiguous") && currentText !== null ? (
                      <OldAndNewText marked={selected.exact} now={currentText} />
                    ) : null
                  }
                />
              </ClaimPanelSlot>
            )}
            {selected && canWrite && anchorNeedsAttention(selected.anchorState) && (
              <p>
                <Link className="button secondary" href={`/articles/${article.id}?claim=${selected.id}&reattach=${selected.id}`}>
                  Re-attach to other text
                </Link>
              </p>
            )}
            {selected && canWrite && selected.status === "draft" && (
              <DeleteClaimButton articleId={article.id} claimId={selected.id} version={selected.version} />
            )}
            <section className="card" aria-labelledby="claims-title">
              <h2 id="claims-title" style={{ marginTop: 0 }}>
                Claims ({current.length})
              </h2>
              {article.claims.length === 0 && <p className="muted">No claims marked yet.</p>}
              <ClaimList
                articleId={article.id}
                claims={deskClaims}
                selectedClaimId={selected?.id ?? null}
                showAll={claimsParam === "all"}
              />
            </section>
            {orphans.length > 0 && (
              <section className="card" aria-labelledby="orphans-title">
                <h2 id="orphans-title" style={{ marginTop: 0 }}>
                  Orphaned claims ({orphans.length})
                </h2>
                <p className="muted">
                  Their text was not found in the current revision. Re-attach each to the passage that now carries it.
                </p>
                <ul className="claim-list">
                  {orphans.map((c) => (
                    <li key={c.id} data-testid="orphan-item">
                      <span className="quote">
                        <QuotedText text={c.exact} />
                      </span>
                      <div className="row-controls">
                        <VerdictBadge verdict={c.verdict} />
                        <Link href={`/articles/${article.id}?claim=${c.id}`}>Open</Link>
                        {canWrite && <Link href={`/articles/${article.id}?claim=${c.id}&reattach=${c.id}`}>Re-attach</Link>}
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {canWrite && suggestions.length > 0 && !reattach && (
              <SuggestionList articleId={article.id} suggestions={suggestions} />
            )}
          </aside>
        </div>
      </ClaimSwitchProvider>
    </div>
  );
}
