import type { Metadata } from "next";
import Link from "next/link";
import { isDeskEmpty } from "@/lib/articles/is-desk-empty";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { pageData } from "@/lib/http/page";
import { anchorNeedsAttention } from "@/lib/workflow/claim-rules";
import { formatWhen } from "@/lib/workflow/history-text";
import { getMyWork, type MyWorkClaim, type MyWorkGroup, type MyWorkGroupKey } from "@/lib/workflow/my-work";
import { formatWaiting } from "./queue/format-waiting";
import { FirstRunHint } from "../components/first-run-hint";
import { AnchorBadge, VerdictBadge } from "../components/verdict-badge";

export const metadata: Metadata = { title: "My work" };

const GROUP_TITLES: Record<MyWorkGroupKey, { title: string; hint: string; empty: string }> = {
  changes_requested: {
    title: "Sent back",
    hint: "A reviewer asked for changes: revise, then resubmit from the claim panel.",
    empty: "Nothing sent back.",
  },
  text_changed: {
    title: "Text changed",
    hint: "A correction changed the article text under these claims: check them, re-attach orphans.",
    empty: "No claim's text changed.",
  },
  draft: { title: "Drafts", hint: "Not yet submitted for review.", empty: "No drafts." },
  in_review: { title: "In review", hint: "Waiting for a reviewer.", empty: "Nothing waiting for review." },
  approved: { title: "Approved", hint: "Approved, most recently changed first.", empty: "Nothing approved yet." },
};

/** What needs the editor first: sent back and text changed, then drafts, then what waits on others. */
const ORDER: MyWorkGroupKey[] = ["changes_requested", "text_changed", "draft", "in_review", "approved"];

/** "12", or "1,000+" when counting stopped at the cap. */
function countText(group: MyWorkGroup): string {
  return `${group.count.toLocaleString("en-GB")}${group.more ? "+" : ""}`;
}

function ClaimLine({ claim, now }: { claim: MyWorkClaim; now: Date }) {
  return (
    <li data-testid="my-work-item" data-claim-id={claim.claimId}>
      <Link href={`/articles/${claim.article.id}?claim=${claim.claimId}`} className="quote">
        {claim.statement}
      </Link>{" "}
      <VerdictBadge verdict={claim.verdict} />
      {anchorNeedsAttention(claim.anchorState) && (
        <>
          {" "}
          <AnchorBadge state={claim.anchorState} />
        </>
      )}
      <div className="muted small">
        in {claim.article.title} · changed {formatWhen(claim.updatedAt, { now })} (UTC)
      </div>
      {claim.statusReason && <p className="status-reason small">{claim.statusReason}</p>}
    </li>
  );
}

export default async function MyWorkPage() {
  const actor = await getCurrentActor();
  const [work, deskEmpty] = await Promise.all([pageData(() => getMyWork(actor)), pageData(() => isDeskEmpty(actor))]);
  const now = new Date();
  const groups = work.editor ? ORDER.map((key) => work.editor!.groups.find((g) => g.key === key)!) : [];

  return (
    <div className="page">
      <h1>My work</h1>
      {deskEmpty && <FirstRunHint canAddArticles={can(actor, "article:write")} />}
      {work.reviewer && (
        <section className="card" aria-labelledby="review-title" data-testid="my-review">
          <h2 id="review-title" style={{ marginTop: 0 }}>
            Review
          </h2>
          <p className="my-work-counts">
            <Link href={work.reviewer.queueHref} data-testid="my-waiting">
              <strong>{work.reviewer.waiting}</strong> waiting in the queue
            </Link>
            {" · "}
            <Link href={work.reviewer.assignedHref} data-testid="my-assigned-count">
              <strong>{work.reviewer.assignedToMe}</strong> assigned to you
            </Link>
          </p>
          {work.reviewer.assigned.length === 0 ? (
            <p className="muted">Nothing is assigned to you.</p>
          ) : (
            <ul className="my-work-list">
              {work.reviewer.assigned.map((item) => (
                <li key={item.claimId} data-testid="my-assigned-item" data-claim-id={item.claimId}>
                  <Link href={`/review/${item.claimId}`} className="quote">
                    {item.statement}
                  </Link>{" "}
                  <VerdictBadge verdict={item.verdict} />
                  {item.textChanged && <span className="flag"> Text changed</span>}
                  <div className="muted small">
                    in {item.article.title} · by {item.editor.name} · waiting {formatWaiting(item.waitingSeconds)}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {work.reviewer.assignedToMe > work.reviewer.assigned.length && (
            <p>
              <Link href={work.reviewer.assignedHref}>All {work.reviewer.assignedToMe} assigned to you</Link>
            </p>
          )}
        </section>
      )}

      {work.editor && (
        <>
          <nav aria-label="My claims by state" className="my-work-summary">
            <ul>
              {groups.map((g) => (
                <li key={g.key}>
                  <a href={`#group-${g.key}`} data-testid={`my-count-${g.key}`}>
                    {GROUP_TITLES[g.key].title} <span className="count">{countText(g)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {groups.map((g) => (
            <section
              key={g.key}
              id={`group-${g.key}`}
              className="card my-work-group"
              aria-labelledby={`group-${g.key}-title`}
              data-testid={`my-group-${g.key}`}
            >
              <h2 id={`group-${g.key}-title`} style={{ marginTop: 0 }}>
                {GROUP_TITLES[g.key].title} ({countText(g)})
              </h2>
              {g.count === 0 ? (
                <p className="muted">{GROUP_TITLES[g.key].empty}</p>
              ) : (
                <>
                  <p className="muted small" style={{ marginTop: 0 }}>
                    {GROUP_TITLES[g.key].hint}
                  </p>
                  <ul className="my-work-list">
                    {g.latest.map((c) => (
                      <ClaimLine key={c.claimId} claim={c} now={now} />
                    ))}
                  </ul>
                  {g.listHref && g.count > g.latest.length && (
                    <p style={{ marginBottom: 0 }}>
                      <Link href={g.listHref}>
                        All {countText(g)} {GROUP_TITLES[g.key].title.toLowerCase()}
                      </Link>
                    </p>
                  )}
                </>
              )}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
