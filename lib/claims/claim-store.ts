import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import { alias } from "drizzle-orm/pg-core";
import { articleRevisions, type ClaimRow, claims, reviews, sources, users } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { changedSinceRequest, nextStatus } from "../workflow/state-machine";
import { backToReviewColumns } from "../workflow/claim-rules";
import { type ClaimView, toClaimView } from "./claim-view";
import { isUuid } from "../validation";
import { loadSourceHealth } from "../sources/source-health";
import { loadClaimFigures } from "../claim-figures/claim-figure-store";

/** Locks the claim row for the rest of the transaction; 404 for an unknown or malformed id. */
export async function lockClaim(tx: Tx, claimId: string): Promise<ClaimRow> {
  if (!isUuid(claimId)) throw notFound("The claim");
  const [row] = await tx.select().from(claims).where(eq(claims.id, claimId)).for("update");
  if (!row) throw notFound("The claim");
  return row;
}

/** The users a claim view names: join them by the claim's ids and select `claimNameColumns`. */
export const claimCreator = alias(users, "claim_creator");
export const claimAssignee = alias(users, "claim_assignee");
export const claimNameColumns = { createdByName: claimCreator.name, assignedReviewerName: claimAssignee.name };

export async function loadClaimView(db: Db | Tx, claimId: string, withSources = true): Promise<ClaimView> {
  if (!isUuid(claimId)) throw notFound("The claim");
  const [row] = await db
    .select({ claim: claims, revision: articleRevisions.number, ...claimNameColumns })
    .from(claims)
    .innerJoin(articleRevisions, eq(articleRevisions.id, claims.anchorRevisionId))
    .innerJoin(claimCreator, eq(claimCreator.id, claims.createdBy))
    .leftJoin(claimAssignee, eq(claimAssignee.id, claims.assignedReviewerId))
    .where(eq(claims.id, claimId));
  if (!row) throw notFound("The claim");
  const sourceRows = withSources
    ? await db.select().from(sources).where(eq(sources.claimId, claimId)).orderBy(asc(sources.createdAt), asc(sources.id))
    : undefined;
  const view = toClaimView(row.claim, row.revision, row, sourceRows);
  if (withSources) view.figures = (await loadClaimFigures(db, [claimId])).get(claimId) ?? [];
  if (view.status === "changes_requested") {
    const reviewed = await requestedChangesOn(db, claimId);
    view.changedSinceRequest = reviewed === null || changedSinceRequest(view.version, reviewed);
  }
  if (view.sources && view.sources.length > 0) {
    const health = await loadSourceHealth(
      db,
      view.sources.map((s) => s.id),
    );
    for (const s of view.sources) s.health = health.get(s.id);
  }
  return view;
}

/** The claim version the latest request for changes was made on, or null when there is none. */
export async function requestedChangesOn(db: Db | Tx, claimId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: reviews.claimVersion })
    .from(reviews)
    .where(and(eq(reviews.claimId, claimId), eq(reviews.decision, "request_changes")))
    .orderBy(desc(reviews.claimVersion))
    .limit(1);
  return row?.version ?? null;
}

/** 409 with the claim as it is now, so the client can show "their" version and keep "yours". */
export async function staleVersion(db: Db | Tx, claimId: string, sentVersion: number): Promise<never> {
  const current = await loadClaimView(db, claimId);
  throw new AppError(
    "conflict",
    `Someone else changed this claim (you edited version ${sentVersion}, it is now at version ${current.version}). Your changes were not saved.`,
    undefined,
    { current },
  );
}

/**
 * What any edit does to the workflow columns: a new version; the editor joins the users barred
 * from approving when a reviewed field (verdict, statement, rationale, sources) changed; and an
 * approved claim goes back to review, its approval kept in the reviews table.
 */
export function editEffects(claim: ClaimRow, actor: Actor, reviewedFieldChanged: boolean, what: string) {
  const now = new Date();
  const editors =
    reviewedFieldChanged && !claim.editorsSinceApproval.includes(actor.id)
      ? [...claim.editorsSinceApproval, actor.id]
      : claim.editorsSinceApproval;
  return {
    version: claim.version + 1,
    updatedBy: actor.id,
    updatedAt: now,
    editorsSinceApproval: editors,
    ...(nextStatus(claim.status, "edit_after_approval").ok
      ? {
          ...backToReviewColumns(now),
          statusReason: `${what} by ${actor.name} after approval.`,
        }
      : {}),
  };
}

/** Writes editEffects to the claim row: for a change stored outside it (a source) that edits the claim all the same. */
export async function markClaimEdited(tx: Tx, claim: ClaimRow, actor: Actor, what: string): Promise<void> {
  await tx
    .update(claims)
    .set(editEffects(claim, actor, true, what))
    .where(eq(claims.id, claim.id));
}
