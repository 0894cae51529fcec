import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/lib/database";
import { type ClaimRow, claims, reviews } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { isUuid } from "../validation";
import { loadClaimFigures } from "./claim-figure-store";
import { derivedColumns, type ClaimFigureView } from "./figure-rows";
import { type FigureKey, findFigureConflicts } from "./find-figure-conflicts";
import {
  conflictWarnings,
  type FigureWarning,
  previousMarkedText,
  statementWarnings,
  textChangedWarning,
} from "./figure-warnings";

export interface FigureCheck {
  claimId: string;
  version: number;
  warnings: FigureWarning[];
}

/** The text a reviewer last approved under this claim, or null if it was never approved. */
async function lastApprovedText(db: Db | Tx, claimId: string): Promise<string | null> {
  const [row] = await db
    .select({ text: reviews.approvedText })
    .from(reviews)
    .where(and(eq(reviews.claimId, claimId), eq(reviews.decision, "approve")))
    .orderBy(desc(reviews.at))
    .limit(1);
  return row?.text ?? null;
}

/** This claim's figures that name a subject and a unit, each distinct reading once. */
function lookupKeys(figures: readonly ClaimFigureView[]): FigureKey[] {
  const keys = new Map<string, FigureKey>();
  for (const f of figures) {
    const d = derivedColumns(f);
    if (d.subjectKey === null || d.baseUnit === null || f.subject === null) continue;
    const key = [d.subjectKey, d.baseUnit, d.low, d.high, f.place, f.period].join("\u0000");
    if (!keys.has(key))
      keys.set(key, {
        text: f.text,
        subjectKey: d.subjectKey,
        baseUnit: d.baseUnit,
        subject: f.subject,
        low: d.low,
        high: d.high,
        place: f.place,
        period: f.period,
      });
  }
  return [...keys.values()];
}

/**
 * Every figure warning on a claim as it stands: (a) statement vs marked text, (b) figures of the
 * marked text changed since approval or marking, (c) another approved claim on the same subject and
 * unit says otherwise. The review use case calls it inside its transaction, so what a reviewer must
 * confirm is what is true at approval.
 */
export async function figureWarningsFor(
  db: Db | Tx,
  claim: Pick<ClaimRow, "id" | "exact" | "anchorText" | "status">,
): Promise<FigureWarning[]> {
  const figures = (await loadClaimFigures(db, [claim.id])).get(claim.id) ?? [];
  const warnings = statementWarnings(
    figures.filter((f) => f.origin === "text"),
    figures.filter((f) => f.origin === "statement"),
  );
  const previous = previousMarkedText(claim, await lastApprovedText(db, claim.id));
  if (previous) warnings.push(...textChangedWarning(previous.text, claim.anchorText ?? claim.exact, previous.since));
  for (const key of lookupKeys(figures)) warnings.push(...conflictWarnings(await findFigureConflicts(db, claim.id, key)));
  // One warning per other claim, however many of our figures it contradicts.
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const id = w.kind === "other-claim" ? `other-claim:${w.claimId}` : w.key;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The claim panel and the review page: the warnings a reviewer will be asked to confirm. */
export async function checkClaimFigures(actor: Actor | null, claimId: string): Promise<FigureCheck> {
  await authorize(actor, "claim:read", { type: "claim", id: claimId });
  if (!isUuid(claimId)) throw notFound("The claim");
  const db = await getDb();
  const [claim] = await db
    .select({ id: claims.id, exact: claims.exact, anchorText: claims.anchorText, status: claims.status, version: claims.version })
    .from(claims)
    .where(eq(claims.id, claimId));
  if (!claim) throw notFound("The claim");
  return { claimId, version: claim.version, warnings: await figureWarningsFor(db, claim) };
}
