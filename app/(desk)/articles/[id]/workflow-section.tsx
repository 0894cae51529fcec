"use client";

import Link from "next/link";
import { submitClaimAction, withdrawClaimAction } from "@/app/actions/workflow";
import type { ClaimView } from "@/lib/claims/claim-view";
import { allowedEvents, NOTHING_CHANGED_MESSAGE, STATUS_LABELS } from "@/lib/workflow/state-machine";
import { checkSubmission, describeMissing } from "@/lib/workflow/submission-check";
import { useServerAction } from "@/app/components/use-server-action";

/**
 * The claim's place in the review workflow, inside the claim panel: its status and why, and the
 * step the editor can take next. What the server would refuse on submit is said before the user
 * tries (checkSubmission is the same check the server runs); the server still decides.
 */
export function WorkflowSection({
  claim,
  version,
  verdict,
  rationale,
  dirty,
  canSubmit,
  canReview,
  onChange,
  onConflict,
}: {
  claim: ClaimView;
  /** The version the panel is based on; sent with submit/withdraw. */
  version: number;
  /** The saved verdict and note (what the reviewer would see), not the unsaved form. */
  verdict: string;
  rationale: string;
  dirty: boolean;
  canSubmit: boolean;
  /** Unknown (undefined) when the page did not say; the review link then reads neutrally. */
  canReview: boolean | undefined;
  onChange: (next: ClaimView) => void;
  onConflict: (current: ClaimView) => void;
}) {
  const action = useServerAction();
  const busy = action.pending;
  const events = allowedEvents(claim.status);
  const check = checkSubmission({ verdict, rationale, sourceCount: claim.sources?.length ?? 0 });
  const mayOfferSubmit = canSubmit && events.includes("submit");
  const mayOfferWithdraw = canSubmit && events.includes("withdraw");
  const unchangedSinceRequest = claim.status === "changes_requested" && claim.changedSinceRequest === false;
  const submitBlocked = !check.ready || dirty || unchangedSinceRequest;

  async function run(kind: "submit" | "withdraw") {
    const step = kind === "submit" ? submitClaimAction : withdrawClaimAction;
    const result = await action.run(
      () => step(claim.id, { version }),
      kind === "submit" ? "Submitted for review." : "Withdrawn from review: the claim is a draft again.",
    );
    if (result.ok && result.data) {
      onChange(result.data);
      return;
    }
    if (!result.ok) {
      const current = result.details?.current as ClaimView | undefined;
      if (result.code === "conflict" && current) onConflict(current);
    }
  }

  const reasonIsRequest = claim.status === "changes_requested";
  const message = action.error ?? action.notice;
  const details = Object.values(action.fields);

  return (
    <section aria-labelledby="workflow-title" className="workflow" data-testid="workflow">
      <h3 id="workflow-title">Review</h3>
      <p style={{ margin: "0 0 0.4rem" }}>
        Status: <strong data-testid="workflow-status">{STATUS_LABELS[claim.status]}</strong>
      </p>
      {claim.statusReason && (
        <div className={reasonIsRequest ? "status-reason request" : "status-reason"} data-testid="status-reason" role="note">
          <strong>{reasonIsRequest ? "The reviewer asks for changes:" : "Why it is in this state:"}</strong>
          <p style={{ margin: "0.25rem 0 0", whiteSpace: "pre-wrap" }}>{claim.statusReason}</p>
        </div>
      )}

      {mayOfferSubmit && (
        <div className="workflow-step">
          {submitBlocked && (
            <div id={`submit-missing-${claim.id}`} className="notice" data-testid="submit-missing">
              {dirty && <p style={{ margin: 0 }}>Save your changes first: the reviewer sees the saved claim.</p>}
              {!check.ready && <p style={{ margin: 0 }}>{describeMissing(check)}</p>}
              {unchangedSinceRequest && <p style={{ margin: 0 }}>{NOTHING_CHANGED_MESSAGE}</p>}
            </div>
          )}
          <div className="row-controls" style={{ marginTop: "0.4rem" }}>
            <button
              type="button"
              onClick={() => void run("submit")}
              disabled={busy || submitBlocked}
              aria-describedby={submitBlocked ? `submit-missing-${claim.id}` : undefined}
            >
              {claim.status === "changes_requested" ? "Resubmit for review" : "Submit for review"}
            </button>
          </div>
        </div>
      )}

      {(mayOfferWithdraw || claim.status === "in_review") && (
        <div className="row-controls workflow-step">
          {mayOfferWithdraw && (
            <button type="button" className="secondary" onClick={() => void run("withdraw")} disabled={busy}>
              Withdraw from review
            </button>
          )}
          {claim.status === "in_review" && (
            <Link href={`/review/${claim.id}`} className="button secondary">
              {canReview === true || (canReview === undefined && !canSubmit) ? "Review this claim" : "Open the review page"}
            </Link>
          )}
        </div>
      )}

      {claim.status !== "in_review" && (
        <p style={{ margin: "0.4rem 0 0" }}>
          <Link href={`/review/${claim.id}`}>Comments and history</Link>
        </p>
      )}

      {message && (
        <div
          role={action.error ? "alert" : "status"}
          className={action.error ? "error" : "success"}
          style={{ marginTop: "0.4rem" }}
        >
          {message}
          {details.length > 0 && (
            <ul style={{ margin: "0.25rem 0 0" }}>
              {details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
