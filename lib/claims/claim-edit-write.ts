import "server-only";
import { type Column, eq, sql } from "drizzle-orm";
import { auditEvents, claims } from "@/db/schema";
import { fixedQuery, prepareWithRowsOf, type Tx } from "@/lib/database";
import { type AuditEntry, auditRowOf } from "../audit/record-audit";
import type { ClaimFields } from "./claim-view";
import { claimFieldColumns } from "./claim-store";

/**
 * What an edit of a claim's fields (updateClaim) writes: every field the edit form changes, the
 * figure search words and editEffects' columns; and, when an approved claim goes back to review,
 * backToReviewColumns and the reason. Every column of the shape is written, a field the edit does
 * not change with the value the locked row holds (text and dates as text: the same value), so that
 * the statement has one text per shape (two in all), prepared once per connection.
 */
const EDITED = [
  "claimant",
  "claimantType",
  "statement",
  "claimDate",
  "claimPlace",
  "appearanceUrl",
  "verdict",
  "rationale",
  "searchFigures",
  "version",
  "updatedBy",
  "updatedAt",
  "editorsSinceApproval",
] as const satisfies readonly (keyof ClaimFields)[];
const BACK_TO_REVIEW = [
  "status",
  "submittedAt",
  "approvedBy",
  "approvedAt",
  "approvedVersion",
  "statusReason",
] as const satisfies readonly (keyof ClaimFields)[];
type EditedColumn = (typeof EDITED)[number] | (typeof BACK_TO_REVIEW)[number];

const AUDIT_COLUMNS = ["actorId", "action", "targetType", "targetId", "before", "after", "meta", "tokenId"] as const;

/** A value as drizzle sends it for `column` (its encoder; NULL as NULL). */
function encode(column: Column, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

/** `$n` with no encoder: fillPlaceholders would encode NULL too (e.g. JSON `null` for jsonb). */
const slot = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * The UPDATE … RETURNING of an edit and its audit row in one statement (the insert a
 * data-modifying WITH: PostgreSQL runs it once, to completion, with the UPDATE), so one round trip
 * instead of two; both still commit or roll back with the caller's transaction.
 */
function editStatement(name: string, columns: readonly EditedColumn[]) {
  return fixedQuery(name, (tx) => {
    const update = tx
      .update(claims)
      .set(Object.fromEntries(columns.map((c) => [c, slot(c)])))
      .where(eq(claims.id, sql.placeholder("claimId")))
      .returning(claimFieldColumns);
    const audit = tx.insert(auditEvents).values({
      actorId: slot("audit_actorId"),
      action: slot("audit_action"),
      targetType: slot("audit_targetType"),
      targetId: slot("audit_targetId"),
      before: slot("audit_before"),
      after: slot("audit_after"),
      meta: slot("audit_meta"),
      tokenId: slot("audit_tokenId"),
    });
    return prepareWithRowsOf(tx, name, sql`with audit_row as (${audit.getSQL()}) ${update.getSQL()}`, update);
  });
}

const plainEdit = editStatement("claim_edit", EDITED);
const editBackToReview = editStatement("claim_edit_back_to_review", [...EDITED, ...BACK_TO_REVIEW]);

/**
 * Writes `set` (changed fields and editEffects, keyed by column) to the locked `claim` and the audit
 * row `entry`, in one statement of the transaction `tx`; the row as stored, or undefined when the
 * claim is gone (it cannot be: it is locked).
 */
export async function writeClaimEdit(
  tx: Tx,
  claim: ClaimFields,
  set: Partial<ClaimFields>,
  entry: AuditEntry<"claim.update">,
): Promise<ClaimFields | undefined> {
  const backToReview = "status" in set;
  const columns: readonly EditedColumn[] = backToReview ? [...EDITED, ...BACK_TO_REVIEW] : EDITED;
  for (const key of Object.keys(set)) {
    if (!(columns as readonly string[]).includes(key)) throw new Error(`writeClaimEdit: ${key} is not a column an edit writes`);
  }
  const values: Record<string, unknown> = { claimId: claim.id };
  for (const c of columns) values[c] = encode(claims[c], c in set ? set[c] : claim[c]);
  const row = auditRowOf(entry);
  for (const c of AUDIT_COLUMNS) values[`audit_${c}`] = encode(auditEvents[c], row[c]);
  const [updated] = await (backToReview ? editBackToReview : plainEdit)(tx, values);
  return updated;
}
