/**
 * What a new revision does to the claims of an article, planned without a database: each claim is
 * re-anchored from the revision it is anchored in (docs/anchoring.md), and the plan says what to
 * store (anchor state, offsets, the text now under it), whether the text under it changed in this
 * revision (a new claim version and a reason), whether an approved claim goes back to review, and
 * the audit entry. lib/articles/create-revision.ts applies it inside its transaction.
 */
import type { AnchorState } from "../anchoring/anchor";
import { reanchorClaims } from "../anchoring/reanchor";
import { type ClaimStatus, nextStatus } from "../workflow/state-machine";
import { anchorNeedsAttention } from "../workflow/claim-rules";
import { z } from "zod";
import { ANCHOR_STATES } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";
import type { AuditEventInput } from "../audit/audit-catalogue";

/** The stored columns of a claim that re-anchoring reads. */
export interface ClaimToPlan {
  id: string;
  status: ClaimStatus;
  anchorState: AnchorState;
  anchorText: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  startCp: number;
  endCp: number;
  anchorRevisionId: string;
}

export interface ClaimReanchorOutcome {
  id: string;
  anchorState: AnchorState;
  previousState: string;
  start: number;
  end: number;
  text: string;
  method: string;
  score: number | null;
  /** True when an approved claim went back to review because its text changed. */
  backToReview: boolean;
}

export const claimReanchorOutcomeSchema = viewSchema<ClaimReanchorOutcome>()(
  z.object({
    id: z.string(),
    anchorState: z.enum(ANCHOR_STATES),
    previousState: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    method: z.string(),
    score: z.number().nullable(),
    backToReview: z.boolean(),
  }),
);

export interface PlannedClaim {
  outcome: ClaimReanchorOutcome;
  /** Columns to set on the claim. */
  set: {
    anchorState: AnchorState;
    anchorText: string | null;
    anchorMethod: string;
    anchorScore: number | null;
    startCp: number;
    endCp: number;
    /** The new revision, or the one an orphan was last found in. */
    anchorRevisionId: string;
  };
  /** The text under the claim changed in this revision: a new claim version, with this reason. */
  textChanged: { reason: string } | null;
  /** An approved claim goes back to review. */
  backToReview: boolean;
  /** The claim.reanchor audit entry, when anything moved or the state changed. */
  audit: Pick<AuditEventInput<"claim.reanchor">, "before" | "after" | "meta"> | null;
}

export function planReanchoring(input: {
  articleId: string;
  claims: ClaimToPlan[];
  /** Bodies of the revisions the claims are anchored in, by revision id. */
  bodies: ReadonlyMap<string, string>;
  newBody: string;
  newRevisionId: string;
  previousNumber: number;
  newNumber: number;
}): PlannedClaim[] {
  const { articleId, claims, bodies, newBody, newRevisionId, previousNumber, newNumber } = input;
  const plans: PlannedClaim[] = [];
  for (const revisionId of new Set(claims.map((c) => c.anchorRevisionId))) {
    const group = claims.filter((c) => c.anchorRevisionId === revisionId);
    const oldBody = bodies.get(revisionId);
    // A claim always points at a stored revision (foreign key); never re-anchor against "".
    if (oldBody === undefined) throw new Error(`revision ${revisionId} of article ${articleId} has no body`);
    const results = reanchorClaims(
      oldBody,
      newBody,
      group.map((c) => ({
        id: c.id,
        anchor: { exact: c.exact, prefix: c.prefix, suffix: c.suffix, start: c.startCp, end: c.endCp },
      })),
    );
    const byId = new Map(group.map((c) => [c.id, c]));
    for (const r of results) {
      const claim = byId.get(r.id);
      if (!claim) continue;
      const anchorText = r.state === "orphaned" ? claim.anchorText : r.text === claim.exact ? null : r.text;
      // Only a change of the text under the claim in THIS revision counts: a claim approved while
      // already `changed` is not sent back by an unrelated edit elsewhere in the article.
      const contentChanged = anchorNeedsAttention(r.state) && (claim.anchorState !== r.state || claim.anchorText !== anchorText);
      const transition = contentChanged ? nextStatus(claim.status, "text_changed") : null;
      const backToReview = transition?.ok === true && transition.status !== claim.status;
      const what = r.state === "orphaned" ? "was not found" : r.state === "ambiguous" ? "now matches several places" : "changed";
      const reason = `The text under this claim ${what} in revision ${newNumber}.`;
      const moved = r.method !== "identical" || claim.anchorState !== r.state;
      plans.push({
        outcome: {
          id: claim.id,
          anchorState: r.state,
          previousState: claim.anchorState,
          start: r.start,
          end: r.end,
          text: r.text,
          method: r.method,
          score: r.score,
          backToReview,
        },
        set: {
          anchorState: r.state,
          anchorText,
          anchorMethod: r.method,
          anchorScore: r.score,
          startCp: r.start,
          endCp: r.end,
          anchorRevisionId: r.state === "orphaned" ? claim.anchorRevisionId : newRevisionId,
        },
        textChanged: contentChanged ? { reason } : null,
        backToReview,
        audit: moved
          ? {
              before: { start: claim.startCp, end: claim.endCp, anchorState: claim.anchorState, revision: previousNumber },
              after: { start: r.start, end: r.end, anchorState: r.state, revision: newNumber, text: r.text },
              meta: { method: r.method, score: r.score, articleId, ...(backToReview ? { backToReview: true, reason } : {}) },
            }
          : null,
      });
    }
  }
  return plans;
}
