import "server-only";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";

/**
 * The daily "recheck-sweep" job: every approved claim whose re-check date has passed is marked due
 * (it then shows in the "Due for re-check" list and the header count), with one audit row each.
 * Idempotent: a claim already marked is not touched again. `today` (YYYY-MM-DD, UTC) is for tests.
 */
export async function markDueClaims(today?: string): Promise<{ marked: number }> {
  const db = await getDb();
  const day = today ?? new Date().toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(claims)
      .set({ recheckDueAt: sql`now()` })
      .where(and(eq(claims.status, "approved"), isNull(claims.recheckDueAt), lte(claims.recheckBy, day)))
      .returning({ id: claims.id, recheckBy: claims.recheckBy });
    for (const c of marked) {
      await recordAudit(tx, {
        actorId: null,
        action: "claim.recheck_due",
        targetType: "claim",
        targetId: c.id,
        after: { recheckBy: c.recheckBy },
      });
    }
    return { marked: marked.length };
  });
}
