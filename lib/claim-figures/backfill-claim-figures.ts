import "server-only";
import { and, asc, count, eq, gt, notExists, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import { claimFigures, claims } from "@/db/schema";
import { writeClaimFigures } from "./claim-figure-store";

const noFigures = (db: Db | Tx) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(claimFigures)
      .where(sql`${claimFigures.claimId} = ${claims.id}`),
  );

export interface BackfillResult {
  /** Claims read that had no stored figures. */
  examined: number;
  /** Of those, the claims that got figures (the others state none). */
  filled: number;
}

/**
 * Gives the claims that have no stored figures (claims marked before figures were stored, migration
 * 0011) the figures of their texts, in batches, each claim in its own short transaction so a running
 * desk is never blocked. Idempotent: a claim with figures is never touched, and one whose texts state
 * none is read again on the next run, harmlessly. A maintenance task for the operator (`npm run
 * figures:backfill`), not a desk action: no acting user, no audit row (nothing a person decided
 * changes; the figures are what the text says).
 */
export async function backfillClaimFigures(db: Db, options: { batchSize?: number } = {}): Promise<BackfillResult> {
  const batchSize = options.batchSize ?? 500;
  const result: BackfillResult = { examined: 0, filled: 0 };
  let after: string | null = null;
  for (;;) {
    const batch = await db
      .select({ id: claims.id, exact: claims.exact, anchorText: claims.anchorText, statement: claims.statement })
      .from(claims)
      .where(and(after === null ? undefined : gt(claims.id, after), noFigures(db)))
      .orderBy(asc(claims.id))
      .limit(batchSize);
    if (batch.length === 0) return result;
    for (const claim of batch) {
      result.examined += 1;
      const wrote = await db.transaction(async (tx) => {
        // The claim may have changed (and got figures) since the batch was read: skip it then.
        const [locked] = await tx
          .select({ id: claims.id })
          .from(claims)
          .where(and(eq(claims.id, claim.id), noFigures(tx)))
          .for("update");
        if (!locked) return false;
        await writeClaimFigures(tx, claim.id, claim);
        const [stored] = await tx.select({ n: count() }).from(claimFigures).where(eq(claimFigures.claimId, claim.id));
        return (stored?.n ?? 0) > 0;
      });
      if (wrote) result.filled += 1;
    }
    after = batch[batch.length - 1]!.id;
  }
}
