import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import { type ClaimRow, sources } from "@/db/schema";
import { loadClaimView } from "../claims/claim-store";
import { AppError } from "../errors";
import { type ClaimStatus, type WorkflowEvent, nextStatus } from "./state-machine";
import { checkSubmission } from "./submission-check";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

/**
 * The status the event leads to, or a 409 carrying the claim as it is now: the request was made
 * against a state the claim is no longer (or never was) in, so the client should reload.
 */
export async function requireTransition(tx: Tx, claim: ClaimRow, event: WorkflowEvent): Promise<ClaimStatus> {
  const next = nextStatus(claim.status, event);
  if (next.ok) return next.status;
  const current = await loadClaimView(tx, claim.id);
  throw new AppError("conflict", next.reason, undefined, { current, refused: { status: claim.status, event } });
}

export async function countSources(db: Db | Tx, claimId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sources)
    .where(eq(sources.claimId, claimId));
  return Number(row?.n ?? 0);
}

/** 422 naming each missing piece, with the same messages the form shows before submitting. */
export async function requireComplete(tx: Tx, claim: ClaimRow, action: "submitted" | "approved"): Promise<void> {
  const check = checkSubmission({
    verdict: claim.verdict,
    rationale: claim.rationale,
    sourceCount: await countSources(tx, claim.id),
  });
  if (!check.ready) {
    throw new AppError("unprocessable", `This claim cannot be ${action} yet: something is missing.`, check.fields, {
      missing: check.missing,
    });
  }
}

export interface UserRef {
  id: string;
  name: string;
}

export const userRefSchema = viewSchema<UserRef>()(z.object({ id: z.string(), name: z.string() }));
