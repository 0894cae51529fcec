import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { auditEvents, reviews, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { loadClaimView } from "../claims/claim-store";
import { parseInput } from "../errors";
import { historyText } from "./history-text";
import { type ReviewView, reviewViewSchema, toReviewView } from "./review-claim";
import { type HistoryQuery, historyQuerySchema } from "./schemas";
import { type UserRef, userRefSchema } from "./workflow-store";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";
import { auditRowProblem } from "../audit/audit-catalogue";

export interface HistoryEntry {
  id: number;
  at: string;
  actor: UserRef | null;
  /** e.g. "claim.update", "claim.approve", "comment.edit". */
  action: string;
  before: unknown;
  after: unknown;
  meta: unknown;
  /** The same row in plain words: "Ana changed the verdict from Disputed to False, 14:02". */
  text: string;
  /**
   * Null when the row matches its action in the audit catalogue; else what does not. Such a row
   * is still listed (its sentence reads what it can), so the history never loses an entry.
   */
  problem: string | null;
}

export const historyEntrySchema = viewSchema<HistoryEntry>()(
  z.object({
    id: z.number().int(),
    at: z.string(),
    actor: userRefSchema.nullable(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    meta: z.unknown(),
    text: z.string(),
    problem: z.string().nullable(),
  }),
);

export interface ClaimHistory {
  claimId: string;
  /** Oldest first. */
  items: HistoryEntry[];
  /** True when only the newest HISTORY_LIMIT rows are listed. */
  truncated: boolean;
  /** Every decision ever made, oldest first: approvals stay here after the claim is edited. */
  reviews: ReviewView[];
}

export const claimHistorySchema = viewSchema<ClaimHistory>()(
  z.object({
    claimId: z.string(),
    items: z.array(historyEntrySchema),
    truncated: z.boolean(),
    reviews: z.array(reviewViewSchema),
  }),
);

const HISTORY_LIMIT = 2000;

/**
 * The claim's changes as recorded in the audit trail (refused attempts are security records, not
 * changes, and are left out). `tz` only shapes the sentences; `at` stays UTC.
 */
export async function getClaimHistory(
  actor: Actor | null,
  claimId: string,
  query: HistoryQuery = {},
  now: Date = new Date(),
): Promise<ClaimHistory> {
  await authorize(actor, "audit:read", { type: "claim", id: claimId });
  const { tz } = parseInput(historyQuerySchema, query);
  const db = await getDb();
  await loadClaimView(db, claimId, false);

  const rows = await db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.targetType, "claim"), eq(auditEvents.targetId, claimId), ne(auditEvents.action, "access.denied")))
    .orderBy(desc(auditEvents.id))
    .limit(HISTORY_LIMIT + 1);
  const truncated = rows.length > HISTORY_LIMIT;
  const items = rows
    .slice(0, HISTORY_LIMIT)
    .reverse()
    .map(({ event, actorName }) => {
      const record = {
        actorId: event.actorId,
        actorName,
        action: event.action,
        at: event.at,
        before: event.before,
        after: event.after,
        meta: event.meta,
      };
      return {
        id: event.id,
        at: event.at.toISOString(),
        actor: event.actorId ? { id: event.actorId, name: actorName ?? "" } : null,
        action: event.action,
        before: event.before,
        after: event.after,
        meta: event.meta,
        text: historyText(record, { timeZone: tz, now }),
        problem: auditRowProblem(event),
      };
    });

  const reviewRows = await db
    .select({ review: reviews, reviewerName: users.name })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.claimId, claimId))
    .orderBy(asc(reviews.at), asc(reviews.claimVersion));

  return {
    claimId,
    items,
    truncated,
    reviews: reviewRows.map((r) => toReviewView(r.review, { id: r.review.reviewerId, name: r.reviewerName })),
  };
}
