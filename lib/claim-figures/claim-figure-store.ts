import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import { type ClaimFigureRow, claimFigures } from "@/db/schema";
import { type ClaimFigureView, markedTextOf, planFigureRewrite } from "./figure-rows";

export function toFigureView(row: ClaimFigureRow): ClaimFigureView {
  return {
    id: row.id,
    origin: row.origin,
    position: row.position,
    text: row.text,
    value: row.value,
    scale: row.scale,
    unit: row.unit,
    unitKind: row.unitKind,
    currency: row.currency,
    qualifier: row.qualifier,
    approximate: row.approximate,
    period: row.period,
    place: row.place,
    subject: row.subject,
    edited: row.override,
  };
}

/**
 * Rewrites a claim's figures from its texts: called in the transaction that changes the marked text
 * or the statement (create, edit, re-attach, re-anchor, approval of changed text), so the stored
 * figures never describe text the claim no longer has. Editors' overrides survive while their
 * words are still in the text (figure-rows.ts).
 */
export async function writeClaimFigures(
  tx: Tx,
  claimId: string,
  claim: { exact: string; anchorText: string | null; statement: string },
): Promise<void> {
  const overrides = await tx
    .select({ id: claimFigures.id, origin: claimFigures.origin, text: claimFigures.text })
    .from(claimFigures)
    .where(and(eq(claimFigures.claimId, claimId), eq(claimFigures.override, true)));
  const plan = planFigureRewrite({ text: markedTextOf(claim), statement: claim.statement }, overrides);
  await tx.delete(claimFigures).where(and(eq(claimFigures.claimId, claimId), eq(claimFigures.override, false)));
  if (plan.drop.length) {
    await tx.delete(claimFigures).where(
      inArray(
        claimFigures.id,
        plan.drop.map((o) => o.id),
      ),
    );
  }
  if (plan.insert.length) await tx.insert(claimFigures).values(plan.insert.map((row) => ({ claimId, ...row })));
}

/** The figures of some claims, marked text first, each in text order. */
export async function loadClaimFigures(db: Db | Tx, claimIds: readonly string[]): Promise<Map<string, ClaimFigureView[]>> {
  const out = new Map<string, ClaimFigureView[]>();
  if (claimIds.length === 0) return out;
  const rows = await db
    .select()
    .from(claimFigures)
    .where(claimIds.length === 1 ? eq(claimFigures.claimId, claimIds[0]!) : inArray(claimFigures.claimId, [...claimIds]))
    .orderBy(asc(claimFigures.claimId), desc(claimFigures.origin), asc(claimFigures.position), asc(claimFigures.id));
  for (const row of rows) {
    const list = out.get(row.claimId);
    if (list) list.push(toFigureView(row));
    else out.set(row.claimId, [toFigureView(row)]);
  }
  return out;
}
