import "server-only";
import { auditEvents } from "@/db/schema";
import type { Db, Tx } from "@/lib/database";
import { currentTokenId } from "../tokens/token-context";
import { env } from "@/lib/env";
import { type AuditAction, type AuditEventInput, parseAuditRow } from "./audit-catalogue";

/**
 * One row: who acted (null for the system or an anonymous caller), on what, and the action's data
 * as the catalogue (lib/audit/audit-catalogue.ts) declares it for that action.
 */
export type AuditEntry<A extends AuditAction = AuditAction> = AuditEventInput<A> & {
  actorId: string | null;
  targetId?: string | null;
};

/** Writes one audit row. Pass the transaction that makes the change, so both commit together. */
export async function recordAudit<A extends AuditAction>(tx: Db | Tx, entry: AuditEntry<A>): Promise<void> {
  await recordAudits(tx, [entry]);
}

/** Writes several rows of one change (e.g. every claim a revision re-anchored), 500 per insert. */
export async function recordAudits<A extends AuditAction>(tx: Db | Tx, entries: readonly AuditEntry<A>[]): Promise<void> {
  const rows = entries.map(auditRowOf);
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditEvents).values(rows.slice(i, i + 500));
}

/**
 * The row recordAudit writes for `entry`, for a statement that inserts it itself (in the same
 * transaction as the change: lib/claims/update-claim.ts writes the claim and its row in one).
 */
export function auditRowOf<A extends AuditAction>(entry: AuditEntry<A>) {
  // The types already hold every call site to the catalogue; outside production the values are
  // checked too (a field the types let through as `unknown`, e.g. a diff), so a test run finds a
  // payload the readers would mark. Production writes the row regardless: losing it is worse.
  if (env.NODE_ENV !== "production") {
    const parsed = parseAuditRow({
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      meta: entry.meta ?? null,
    });
    if (!parsed.ok) throw new Error(`audit row ${entry.action} does not match the catalogue: ${parsed.problem}`);
  }
  return {
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    meta: entry.meta ?? null,
    tokenId: currentTokenId(),
  };
}

/** Only the fields that differ, as {before, after}: what the history view shows. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
