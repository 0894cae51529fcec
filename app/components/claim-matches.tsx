"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { confirmClaimMatchAction, findClaimMatchesAction } from "@/app/actions/matching";
import type { ClaimMatches } from "@/lib/matching/find-claim-matches";
import { useServerAction } from "./use-server-action";
import { StatusBadge, VerdictBadge } from "./verdict-badge";

const TIER_LABEL = { same: "Same claim", possible: "Possible match" } as const;

const day = (iso: string) => iso.slice(0, 10);

/**
 * Earlier fact-checks of the same claim: shown when a claim is marked, accepted from a suggestion
 * or opened for review. Each with its verdict, date, article, approver, score and the reasons it
 * matched; a person confirms a match to link the claims, and the group's verdicts are listed.
 */
export function ClaimMatchesSection({ claimId, version, canConfirm }: { claimId: string; version: number; canConfirm: boolean }) {
  const router = useRouter();
  const [loaded, setLoaded] = useState<{ key: string; data: ClaimMatches | null; error: string | null } | null>(null);
  const confirming = useServerAction();
  const [linking, setLinking] = useState<string | null>(null);
  const key = `${claimId}:${version}`;
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    void findClaimMatchesAction(claimId).then((result) => {
      if (!current) return;
      setLoaded({
        key: `${claimId}:${version}`,
        data: result.ok ? (result.data ?? null) : null,
        error: result.ok ? null : result.error,
      });
    });
    return () => {
      current = false;
    };
  }, [claimId, version, reload]);

  async function confirm(matchId: string) {
    setLinking(matchId);
    const result = await confirming.run(() => confirmClaimMatchAction(claimId, { matchId }));
    if (!result.ok) return;
    setReload((n) => n + 1);
    router.refresh();
  }

  const data = loaded?.key === key ? loaded.data : null;
  return (
    <section aria-labelledby={`matches-${claimId}`} data-testid="claim-matches" className="claim-matches">
      <h3 id={`matches-${claimId}`}>Earlier fact-checks of this claim</h3>
      {!loaded || loaded.key !== key ? (
        <p className="muted small" role="status">
          Looking for earlier claims…
        </p>
      ) : loaded.error ? (
        <p className="error">{loaded.error}</p>
      ) : data && data.matches.length === 0 && !data.group ? (
        <p className="muted small">No earlier claim makes this claim.</p>
      ) : null}
      {data && data.matches.length > 0 && (
        <ul className="match-list">
          {data.matches.map((m) => (
            <li key={m.claim.id} data-testid="claim-match" className={`match match-${m.tier}`}>
              <p className="row-controls">
                <strong>{TIER_LABEL[m.tier]}</strong>
                <span className="muted">score {Math.round(m.score * 100)} %</span>
                <VerdictBadge verdict={m.claim.verdict} />
                <StatusBadge status={m.claim.status} />
              </p>
              <p className="quote">
                <Link href={`/articles/${m.article.id}?claim=${m.claim.id}`}>{m.claim.statement}</Link>
              </p>
              <p className="muted small">
                in “{m.article.title}” (revision {m.claim.revision}){m.claim.claimant && <> · said by {m.claim.claimant}</>}
                {m.approvedBy && m.claim.approvedAt ? (
                  <>
                    {" "}
                    · approved by {m.approvedBy.name} on {day(m.claim.approvedAt)}
                  </>
                ) : (
                  <> · marked {day(m.claim.createdAt)}, not approved</>
                )}
              </p>
              <ul className="match-reasons small" aria-label="Why it matched">
                {m.reasons.map((r, i) => (
                  <li key={i} className={r.signal === "conflict" ? "warning" : undefined}>
                    {r.text}
                  </li>
                ))}
              </ul>
              {m.linked ? (
                <p className="success small">Confirmed: linked to this claim.</p>
              ) : (
                canConfirm && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={confirming.pending}
                    onClick={() => void confirm(m.claim.id)}
                  >
                    {confirming.pending && linking === m.claim.id ? "Linking…" : "Confirm: same claim"}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {confirming.error && (
        <p role="alert" className="error">
          {confirming.error}
        </p>
      )}
      {data?.group && (
        <div data-testid="group-history">
          <h4>Verdicts on this claim across the desk</h4>
          {data.verdictDifference && (
            <p className="warning" role="note">
              {data.verdictDifference.message}
            </p>
          )}
          {data.group.history.length === 0 ? (
            <p className="muted small">No claim in the group is approved yet.</p>
          ) : (
            <ol className="match-reasons small">
              {data.group.history.map((h, i) => (
                <li key={`${h.claimId}-${i}`}>
                  <VerdictBadge verdict={h.verdict} /> {day(h.approvedAt)} · “{h.article.title}” · approved by {h.approvedBy.name}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
