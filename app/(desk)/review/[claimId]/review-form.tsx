"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { reviewClaimAction } from "@/app/actions/workflow";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import type { FigureWarning } from "@/lib/claim-figures/figure-warnings";
import type { ReviewDecision } from "@/lib/workflow/schemas";
import { REVIEW_REASON_MAX } from "@/lib/workflow/schemas";

/**
 * Approve or request changes on the version the reviewer is looking at. Whether the reader may
 * approve is decided on the server (four-eyes rule); `canApprove` only hides a button that the
 * server would refuse anyway.
 */
export function ReviewForm({
  claimId,
  version,
  canApprove,
  beforeApprove,
  verdictDifference = null,
  figureWarnings = [],
}: {
  claimId: string;
  version: number;
  canApprove: boolean;
  /** Shown right above the buttons: what a re-approval would approve (the text's change). */
  beforeApprove?: ReactNode;
  /** The same claim was approved with another verdict: approving needs an explicit confirmation. */
  verdictDifference?: string | null;
  /** Figure warnings (statement vs text, changed figure, another claim): approving confirms each one. */
  figureWarnings?: FigureWarning[];
}) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [difference, setDifference] = useState<string | null>(verdictDifference);
  const [warnings, setWarnings] = useState<FigureWarning[]>(figureWarnings);
  const [figuresConfirmed, setFiguresConfirmed] = useState(false);
  const { pending, failure, run } = useServerAction();

  async function decide(decision: ReviewDecision) {
    const trimmed = reason.trim();
    const result = await run(() =>
      reviewClaimAction(claimId, {
        version,
        decision,
        ...(trimmed ? { reason: trimmed } : {}),
        ...(decision === "approve" && confirmed ? { confirmVerdictDifference: true } : {}),
        ...(decision === "approve" && figuresConfirmed && warnings.length
          ? { confirmFigureWarnings: warnings.map((w) => w.key) }
          : {}),
      }),
    );
    // The group's verdict changed since the page was drawn: ask now.
    if (!result.ok && result.fields?.confirmVerdictDifference) setDifference(result.error);
    // Warnings that appeared since the page was drawn: show them and ask again.
    if (!result.ok && result.fields?.confirmFigureWarnings && Array.isArray(result.details?.figureWarnings)) {
      setWarnings(result.details.figureWarnings as FigureWarning[]);
      setFiguresConfirmed(false);
    }
    if (result.ok) {
      setReason("");
      router.refresh();
    }
  }

  const reasonError = failure?.fields?.reason;
  return (
    <form
      className="stack review-form"
      aria-label="Decide on this claim"
      onSubmit={(e) => {
        e.preventDefault();
        void decide("request_changes");
      }}
    >
      <Field label="Reason" hint="(required to request changes; an optional note with an approval)" error={reasonError}>
        {(p) => (
          <textarea
            {...p}
            name="reason"
            rows={3}
            maxLength={REVIEW_REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      {difference && canApprove && (
        <div className="warning" data-testid="verdict-difference">
          <p style={{ marginTop: 0 }}>{difference}</p>
          <label>
            <input
              type="checkbox"
              name="confirmVerdictDifference"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />{" "}
            I have checked: this claim&apos;s verdict should differ from the earlier one
          </label>
        </div>
      )}
      {warnings.length > 0 && canApprove && (
        <div className="warning" data-testid="figure-warnings-confirm">
          <ul style={{ marginTop: 0, paddingLeft: "1.2rem" }}>
            {warnings.map((w) => (
              <li key={w.key}>{w.message}</li>
            ))}
          </ul>
          <label>
            <input
              type="checkbox"
              name="confirmFigureWarnings"
              checked={figuresConfirmed}
              onChange={(e) => setFiguresConfirmed(e.target.checked)}
            />{" "}
            I have checked {warnings.length === 1 ? "this figure" : "these figures"}: approve anyway
          </label>
        </div>
      )}
      {failure && (
        <div role="alert" className="error">
          {failure.error}
          {failure.code === "conflict" && (
            <>
              {" "}
              <button type="button" className="secondary" onClick={() => router.refresh()}>
                Show the claim as it is now
              </button>
            </>
          )}
        </div>
      )}
      {canApprove && beforeApprove}
      <div className="row-controls">
        {canApprove && (
          <button type="button" onClick={() => void decide("approve")} disabled={pending}>
            Approve
          </button>
        )}
        <button type="submit" className={canApprove ? "secondary" : undefined} disabled={pending}>
          Request changes
        </button>
      </div>
    </form>
  );
}
