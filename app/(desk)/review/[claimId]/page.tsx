import type { Metadata } from "next";
import Link from "next/link";
import { getArticleText } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getClaim } from "@/lib/claims/get-claim";
import { VERDICT_INFO } from "@/lib/claims/verdicts";
import { pageData } from "@/lib/http/page";
import { findClaimMatches } from "@/lib/matching/find-claim-matches";
import { checkClaimFigures } from "@/lib/claim-figures/check-claim-figures";
import { paragraphsAround } from "@/lib/text/paragraphs";
import { getClaimHistory } from "@/lib/workflow/claim-history";
import { listComments } from "@/lib/workflow/list-comments";
import { isBarredFromApproving, textRefusingApproval } from "@/lib/workflow/claim-rules";
import { formatWhen } from "@/lib/workflow/history-text";
import { FOUR_EYES_MESSAGE } from "@/lib/workflow/review-claim";
import { STATUS_LABELS } from "@/lib/workflow/state-machine";
import { ClaimMatchesSection } from "../../../components/claim-matches";
import { FigureWarningList } from "../../../components/figure-warnings";
import { LiveUpdates } from "../../../components/live-updates";
import { OldAndNewText } from "../../../components/old-and-new-text";
import { SourceSummary } from "../../../components/source-summary";
import { AnchorBadge, StatusBadge, VerdictBadge } from "../../../components/verdict-badge";
import { AssignControl } from "./assign-control";
import { Comments } from "./comments";
import { ReviewForm } from "./review-form";

export const metadata: Metadata = { title: "Review claim" };

export default async function ReviewPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const actor = await getCurrentActor();
  const claim = await pageData(() => getClaim(actor, claimId));
  const [article, comments, history, matches, figureCheck] = await Promise.all([
    pageData(() => getArticleText(actor, claim.articleId)),
    pageData(() => listComments(actor, claim.id)),
    pageData(() => getClaimHistory(actor, claim.id)),
    pageData(() => findClaimMatches(actor, claim.id)),
    pageData(() => checkClaimFigures(actor, claim.id)),
  ]);
  const now = new Date();
  const mayReview = can(actor, "claim:review");
  const barred = actor ? isBarredFromApproving(claim, actor.id) : true;
  // The server refuses these too (lib/workflow/review-claim.ts); the button is not offered.
  const textGone = textRefusingApproval(claim.anchorState) !== null;
  const inReview = claim.status === "in_review";
  const onCurrentText = claim.revision === article.revision && claim.anchorState !== "orphaned";
  const context = onCurrentText ? paragraphsAround(article.body, claim.start, claim.end) : [];
  const textDiffers = claim.anchorText !== null && claim.anchorText !== claim.exact;
  const lastDecision = history.reviews[history.reviews.length - 1] ?? null;
  const verdict = VERDICT_INFO[claim.verdict];
  const sources = claim.sources ?? [];

  return (
    <div className="page review-page">
      <p className="muted" style={{ margin: "0 0 0.5rem" }}>
        {can(actor, "queue:read") && (
          <>
            <Link href="/queue">Review queue</Link>
            {" · "}
          </>
        )}
        <Link href={`/articles/${article.id}?claim=${claim.id}`}>Open in the article desk</Link>
      </p>
      <h1>Review claim</h1>
      {actor && <LiveUpdates articleId={article.id} selfId={actor.id} />}
      <p className="claim-statement" data-testid="claim-statement">
        {claim.statement}
      </p>
      <p className="row-controls">
        <VerdictBadge verdict={claim.verdict} />
        <StatusBadge status={claim.status} />
        {claim.anchorState !== "anchored" && <AnchorBadge state={claim.anchorState} />}
        <span className="muted">
          version {claim.version}
          {claim.createdByName && <> · marked by {claim.createdByName}</>}
        </span>
      </p>
      {(claim.recheckBy || claim.lastRecheckedAt) && (
        <p data-testid="recheck-info" className={claim.recheckDueAt ? "field-error" : "muted"}>
          {claim.recheckDueAt ? "Due for re-check" : "Re-check by"}
          {claim.recheckBy && <> {claim.recheckBy}</>}
          {claim.lastRecheckedAt && (
            <>
              {" "}
              · last re-checked {claim.lastRecheckedAt.slice(0, 10)} (
              {claim.lastRecheckOutcome === "corrected" ? "verdict corrected" : "verdict unchanged"})
            </>
          )}
        </p>
      )}
      <FigureWarningList warnings={figureCheck.warnings} id="figure-warnings-title" />
      {claim.statusReason && (
        <div className={claim.status === "changes_requested" ? "status-reason request" : "status-reason"} role="note">
          <strong>{claim.status === "changes_requested" ? "Changes requested:" : "Why it is back in review:"}</strong>
          <p style={{ margin: "0.25rem 0 0", whiteSpace: "pre-wrap" }}>{claim.statusReason}</p>
        </div>
      )}

      <div className="review-grid">
        <div className="review-main">
          <section className="card" aria-labelledby="context-title">
            <h2 id="context-title" style={{ marginTop: 0 }}>
              In the article
            </h2>
            <p className="muted" style={{ marginTop: 0 }}>
              <Link href={`/articles/${article.id}`}>{article.title}</Link> · revision {article.revision}
            </p>
            {context.length > 0 ? (
              <div className="article-text review-context" data-testid="claim-context">
                {context.map((p, i) => (
                  <p key={i}>
                    {p.before}
                    <mark className={`claim v-${claim.verdict}`}>{p.marked}</mark>
                    {i === context.length - 1 && (
                      // The verdict in a glyph and in words, not only the highlight's colour.
                      <span className="claim-tag">
                        <span aria-hidden="true">{verdict.icon}</span>
                        <span className="sr-only"> (claim: {verdict.label})</span>
                      </span>
                    )}
                    {p.after}
                  </p>
                ))}
              </div>
            ) : (
              <>
                <p className="warning">
                  {claim.anchorState === "orphaned"
                    ? "This claim's text is no longer found in the current article text. The quote as marked:"
                    : "This claim is anchored in an earlier revision of the article. The quote as marked:"}
                </p>
                <blockquote className="quote-block" data-testid="claim-context">
                  {claim.exact}
                </blockquote>
              </>
            )}
            {textDiffers && <OldAndNewText marked={claim.exact} now={claim.anchorText} style={{ marginTop: "0.6rem" }} />}
          </section>

          <section className="card" aria-labelledby="verdict-title">
            <h2 id="verdict-title" style={{ marginTop: 0 }}>
              Verdict
            </h2>
            <p>
              <VerdictBadge verdict={claim.verdict} /> <span data-testid="verdict-meaning">{verdict.meaning}</span>
            </p>
            <h3>How we checked</h3>
            {claim.rationale.trim() ? (
              <p className="rationale" data-testid="rationale">
                {claim.rationale}
              </p>
            ) : (
              <p className="muted">No note yet.</p>
            )}
            {(claim.claimant || claim.claimDate || claim.claimPlace) && (
              <dl className="meta">
                {claim.claimant && (
                  <>
                    <dt>Claimant</dt>
                    <dd>
                      {claim.claimant} ({claim.claimantType === "Person" ? "person" : "organization"})
                    </dd>
                  </>
                )}
                {claim.claimDate && (
                  <>
                    <dt>Claim date</dt>
                    <dd>{claim.claimDate}</dd>
                  </>
                )}
                {claim.claimPlace && (
                  <>
                    <dt>Where</dt>
                    <dd>{claim.claimPlace}</dd>
                  </>
                )}
              </dl>
            )}
            <h3>Sources ({sources.length})</h3>
            {sources.length === 0 ? (
              <p className="muted">No sources.</p>
            ) : (
              <ul className="sources">
                {sources.map((s) => (
                  <SourceSummary key={s.id} source={s} />
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="comments-title">
            <h2 id="comments-title" style={{ marginTop: 0 }}>
              Comments ({comments.length})
            </h2>
            <Comments
              claimId={claim.id}
              canWrite={can(actor, "comment:write")}
              comments={comments.map((c) => ({
                ...c,
                when: formatWhen(c.createdAt, { now }),
                editedWhen: c.editedAt ? formatWhen(c.editedAt, { now }) : null,
              }))}
            />
          </section>
        </div>

        <div className="review-side">
          <section className="card" aria-labelledby="decision-title" data-testid="decision">
            <h2 id="decision-title" style={{ marginTop: 0 }}>
              Decision
            </h2>
            {lastDecision && !inReview && (
              <p
                className={lastDecision.decision === "approve" && claim.status === "approved" ? "success" : undefined}
                data-testid="last-decision"
              >
                {lastDecision.decision === "approve" ? "Approved" : "Changes requested"} by {lastDecision.reviewer.name},{" "}
                {formatWhen(lastDecision.at, { now })} (UTC).
              </p>
            )}
            {!inReview && (
              <p className="muted">
                This claim is {STATUS_LABELS[claim.status].toLowerCase()}
                {claim.status === "draft" || claim.status === "changes_requested"
                  ? ": it can be reviewed once its editor submits it."
                  : "."}
              </p>
            )}
            {inReview && mayReview && (
              <>
                {barred && (
                  <p className="notice" data-testid="four-eyes">
                    {FOUR_EYES_MESSAGE} You can still request changes or comment.
                  </p>
                )}
                {textGone && (
                  <p className="warning" data-testid="text-gone">
                    {claim.anchorState === "orphaned"
                      ? "The text of this claim is no longer in the article."
                      : "The text of this claim now matches several places in the article."}{" "}
                    It cannot be approved until the editor re-attaches it; you can request changes.
                  </p>
                )}
                <ReviewForm
                  claimId={claim.id}
                  version={claim.version}
                  canApprove={!barred && !textGone}
                  beforeApprove={
                    textDiffers ? (
                      <div data-testid="reapprove-diff">
                        <p className="notice" style={{ margin: 0 }}>
                          The article&apos;s text under this claim changed since it was marked. Approving approves the new text:
                        </p>
                        <OldAndNewText marked={claim.exact} now={claim.anchorText} title="Text change to approve" />
                      </div>
                    ) : undefined
                  }
                  verdictDifference={matches.verdictDifference?.message ?? null}
                  figureWarnings={figureCheck.warnings}
                />
              </>
            )}
            {inReview && !mayReview && <p className="muted">Waiting for a reviewer.</p>}

            <h3>Assigned reviewer</h3>
            <p data-testid="assignee">
              {claim.assignedReviewerId
                ? claim.assignedReviewerId === actor?.id
                  ? "You"
                  : (claim.assignedReviewerName ?? "A reviewer")
                : "Nobody yet"}
            </p>
            {mayReview && actor && claim.status !== "approved" && (
              <AssignControl
                claimId={claim.id}
                myId={actor.id}
                assigned={claim.assignedReviewerId !== null}
                assignedToMe={claim.assignedReviewerId === actor.id}
                mayTake={!barred}
              />
            )}
          </section>

          <section className="card">
            <ClaimMatchesSection claimId={claim.id} version={claim.version} canConfirm={can(actor, "claim:write")} />
          </section>

          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title" style={{ marginTop: 0 }}>
              History
            </h2>
            <p className="muted small" style={{ marginTop: 0 }}>
              Oldest first; times in UTC.{history.truncated ? " Only the most recent changes are listed." : ""}
            </p>
            <ol className="history" data-testid="history">
              {history.items.map((item) => (
                <li key={item.id} data-at={item.at}>
                  {item.text}
                  {item.problem && (
                    <span className="muted small" data-testid="history-problem">
                      {" "}
                      (this record does not match its recorded shape: {item.problem})
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}
