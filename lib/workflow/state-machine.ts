/**
 * The claim review workflow as data. Pure: no database, no clock. The data layer asks
 * `nextStatus` before every status change, so the rules live in one table that the unit tests
 * walk cell by cell.
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved
 *     ▲                 │  │                    │
 *     └────withdraw─────┘  └─request_changes─▶ changes_requested ──submit──▶ in_review
 *   approved ──edit_after_approval | text_changed──▶ in_review
 */

import { CLAIM_STATUSES, type ClaimStatus, isOneOf } from "@/domain/vocabulary";

// The words are the shared vocabulary's (the `claims.status` column is built from them too).
export { CLAIM_STATUSES, type ClaimStatus };

export const WORKFLOW_EVENTS = [
  "submit",
  "withdraw",
  "approve",
  "request_changes",
  "edit_after_approval",
  "text_changed",
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

export type Transition =
  { readonly allowed: true; readonly to: ClaimStatus } | { readonly allowed: false; readonly reason: string };

/**
 * Every status × every event has a cell: a mapped type has no optional keys, so adding a status or
 * an event without deciding each of its cells fails the type check.
 */
export type TransitionTable = {
  readonly [S in ClaimStatus]: { readonly [E in WorkflowEvent]: Transition };
};

const to = (status: ClaimStatus): Transition => ({ allowed: true, to: status });
const refuse = (reason: string): Transition => ({ allowed: false, reason });

const NOT_SUBMITTED = "This claim has not been submitted for review yet.";
const NOT_APPROVED = "Only an approved claim is sent back to review by an edit; other edits leave the status as it is.";
const AWAITING_EDITOR = "Changes were requested on this claim: the editor must revise and resubmit it first.";

export const TRANSITIONS: TransitionTable = {
  draft: {
    submit: to("in_review"),
    withdraw: refuse("This claim is a draft: it is not in review."),
    approve: refuse(NOT_SUBMITTED),
    request_changes: refuse(NOT_SUBMITTED),
    edit_after_approval: refuse(NOT_APPROVED),
    // A draft has no approval to lose; the anchor state tells the editor what moved.
    text_changed: to("draft"),
  },
  in_review: {
    submit: refuse("This claim is already in review."),
    withdraw: to("draft"),
    approve: to("approved"),
    request_changes: to("changes_requested"),
    edit_after_approval: refuse(NOT_APPROVED),
    text_changed: to("in_review"),
  },
  changes_requested: {
    submit: to("in_review"),
    withdraw: refuse("Changes were requested on this claim: it is no longer in review."),
    approve: refuse(AWAITING_EDITOR),
    request_changes: refuse(AWAITING_EDITOR),
    edit_after_approval: refuse(NOT_APPROVED),
    text_changed: to("changes_requested"),
  },
  approved: {
    submit: refuse("This claim is already approved."),
    withdraw: refuse("This claim is approved: it is not in review."),
    approve: refuse("This claim is already approved."),
    request_changes: refuse("This claim is already approved; edit it to send it back to review."),
    // The earlier approval no longer covers what the claim says now.
    edit_after_approval: to("in_review"),
    text_changed: to("in_review"),
  },
};

export type NextStatus = { ok: true; status: ClaimStatus } | { ok: false; reason: string };

export function nextStatus(status: ClaimStatus, event: WorkflowEvent): NextStatus {
  const cell = TRANSITIONS[status][event];
  return cell.allowed ? { ok: true, status: cell.to } : { ok: false, reason: cell.reason };
}

/** Events the claim accepts in this status: which workflow buttons the UI may offer. */
export function allowedEvents(status: ClaimStatus): WorkflowEvent[] {
  return WORKFLOW_EVENTS.filter((event) => TRANSITIONS[status][event].allowed);
}

export function isClaimStatus(value: unknown): value is ClaimStatus {
  return isOneOf(CLAIM_STATUSES, value);
}

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
};

/**
 * Whether a claim sent back by a reviewer changed since: the request left it at the version after
 * the one reviewed, and every edit (fields, sources, re-attaching, text changed by a revision)
 * moves it on. Resubmitting an unchanged claim would only put the same thing back in the queue.
 */
export function changedSinceRequest(claimVersion: number, reviewedVersion: number): boolean {
  return claimVersion > reviewedVersion + 1;
}

export const NOTHING_CHANGED_MESSAGE =
  "Nothing has changed since the reviewer asked for changes: revise the claim (or its sources) before resubmitting it.";
