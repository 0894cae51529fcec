import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/database";
import { claimFigures } from "@/db/schema";
import { lockClaim, staleVersion } from "../claims/claim-store";
import { notFound } from "../errors";

/**
 * The claim (locked for update, at the version the editor saw: 409 otherwise) and one of its figure
 * rows (404 when it is not this claim's): where correcting and un-correcting a figure both start.
 */
export async function lockClaimFigure(tx: Tx, claimId: string, figureId: string, version: number) {
  const claim = await lockClaim(tx, claimId);
  if (claim.version !== version) return staleVersion(tx, claimId, version);
  const [row] = await tx
    .select()
    .from(claimFigures)
    .where(and(eq(claimFigures.id, figureId), eq(claimFigures.claimId, claimId)));
  if (!row) throw notFound("The figure");
  return { claim, row };
}
