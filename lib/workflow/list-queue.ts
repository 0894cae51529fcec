import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/database";
import { articles, claimQueueCounters, claims, reviews, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { claimNeedsAttention, isBarredFromApproving } from "./claim-rules";
import type { Verdict } from "../claims/verdicts";
import { AppError, parseInput } from "../errors";
import { type QueueQuery, queueQuerySchema } from "./schemas";
import { type UserRef, userRefSchema } from "./workflow-store";
import { isUuid } from "../validation";
import { z } from "zod";
import { ANCHOR_STATES, VERDICTS } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

export interface QueueItem {
  claimId: string;
  /** Send it back with the decision: the approval is pinned to this version. */
  version: number;
  article: { id: string; title: string };
  statement: string;
  /** The quoted text as marked, and the text under the claim now when it differs. */
  exact: string;
  anchorText: string | null;
  anchorState: "anchored" | "relocated" | "changed" | "ambiguous" | "orphaned";
  verdict: Verdict;
  /** The claim's creator. */
  editor: UserRef;
  assignedReviewer: UserRef | null;
  submittedAt: string;
  waitingSeconds: number;
  /** The text under the claim changed, or the claim came back to review for a recorded reason. */
  textChanged: boolean;
  statusReason: string | null;
  /** False when the four-eyes rule bars the reader from approving it. */
  canApprove: boolean;
}

export const queueItemSchema = viewSchema<QueueItem>()(
  z.object({
    claimId: z.string(),
    version: z.number().int(),
    article: z.object({ id: z.string(), title: z.string() }),
    statement: z.string(),
    exact: z.string(),
    anchorText: z.string().nullable(),
    anchorState: z.enum(ANCHOR_STATES),
    verdict: z.enum(VERDICTS),
    editor: userRefSchema,
    assignedReviewer: userRefSchema.nullable(),
    submittedAt: z.string(),
    waitingSeconds: z.number(),
    textChanged: z.boolean(),
    statusReason: z.string().nullable(),
    canApprove: z.boolean(),
  }),
);

export interface QueuePage {
  items: QueueItem[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export const queuePageSchema = viewSchema<QueuePage>()(
  z.object({ items: z.array(queueItemSchema), next: z.string().nullable() }),
);

// Literal, not a bound parameter: the planner can only use the partial index claims_queue_idx
// when it can prove this predicate, which a generic plan with `status = $1` does not allow.
const IN_REVIEW = sql`${claims.status} = 'in_review'`;

/** submitted_at to the microsecond (a JS Date would drop the last three digits and skip rows). */
const SUBMITTED_AT_EXACT = sql<string>`to_char(${claims.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface Cursor {
  submittedAt: string;
  id: string;
}

const CURSOR_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export function encodeQueueCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.submittedAt, cursor.id]), "utf8").toString("base64url");
}

export function decodeQueueCursor(value: string): Cursor {
  const invalid = () =>
    new AppError("validation_failed", "The page cursor is not valid.", {
      after: "Use the `next` value of the previous page.",
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "string" ||
    typeof parsed[1] !== "string" ||
    !CURSOR_TS.test(parsed[0]) ||
    Number.isNaN(Date.parse(parsed[0])) ||
    !isUuid(parsed[1])
  ) {
    throw invalid();
  }
  return { submittedAt: parsed[0], id: parsed[1] };
}

/** The columns both lists show of a claim: what to link to, and which version was read. */
const CLAIM_AND_ARTICLE = {
  id: claims.id,
  version: claims.version,
  articleId: claims.articleId,
  articleTitle: articles.title,
  statement: claims.statement,
};

/**
 * Claims in review across all articles, oldest submission first. Keyset pagination on
 * (submitted_at, id) walks claims_queue_idx, so page 1,000 costs what page 1 costs.
 */
export async function listReviewQueue(actor: Actor | null, input: QueueQuery = {}): Promise<QueuePage> {
  const user = await authorize(actor, "queue:read", { type: "queue" });
  const query = parseInput(queueQuerySchema, input);
  const cursor = query.after ? decodeQueueCursor(query.after) : null;
  const editor = alias(users, "editor");
  const assignee = alias(users, "assignee");

  const where: SQL[] = [IN_REVIEW];
  if (cursor) where.push(sql`(${claims.submittedAt}, ${claims.id}) > (${cursor.submittedAt}::timestamptz, ${cursor.id}::uuid)`);
  if (query.article) where.push(eq(claims.articleId, query.article));
  if (query.verdict) where.push(eq(claims.verdict, query.verdict));
  if (query.editor) where.push(eq(claims.createdBy, query.editor));
  if (query.assigned === "me") where.push(eq(claims.assignedReviewerId, user.id));

  const db = await getDb();
  const rows = await db
    .select({
      ...CLAIM_AND_ARTICLE,
      exact: claims.exact,
      anchorText: claims.anchorText,
      anchorState: claims.anchorState,
      verdict: claims.verdict,
      statusReason: claims.statusReason,
      createdBy: claims.createdBy,
      editorName: editor.name,
      editorsSinceApproval: claims.editorsSinceApproval,
      assignedReviewerId: claims.assignedReviewerId,
      assigneeName: assignee.name,
      submittedAt: claims.submittedAt,
      submittedAtExact: SUBMITTED_AT_EXACT,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(editor, eq(editor.id, claims.createdBy))
    .leftJoin(assignee, eq(assignee.id, claims.assignedReviewerId))
    .where(and(...where))
    .orderBy(asc(claims.submittedAt), asc(claims.id))
    .limit(query.limit + 1)
    // A prepared statement: every value above is a parameter, so its text depends only on which
    // filters are given (at most 32 shapes per connection); planned for each request's values
    // (plan_cache_mode, db/postgres.ts).
    .prepare("review_queue")
    .execute();

  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const now = Date.now();
  return {
    items: page.map((r) => ({
      claimId: r.id,
      version: r.version,
      article: { id: r.articleId, title: r.articleTitle },
      statement: r.statement,
      exact: r.exact,
      anchorText: r.anchorText,
      anchorState: r.anchorState,
      verdict: r.verdict,
      editor: { id: r.createdBy, name: r.editorName },
      assignedReviewer: r.assignedReviewerId ? { id: r.assignedReviewerId, name: r.assigneeName ?? "" } : null,
      submittedAt: r.submittedAt?.toISOString() ?? r.submittedAtExact,
      waitingSeconds: r.submittedAt ? Math.max(0, Math.floor((now - r.submittedAt.getTime()) / 1000)) : 0,
      textChanged: claimNeedsAttention(r),
      statusReason: r.statusReason,
      canApprove: !isBarredFromApproving(r, user.id),
    })),
    next: rows.length > query.limit && last ? encodeQueueCursor({ submittedAt: last.submittedAtExact, id: last.id }) : null,
  };
}

export interface WaitingCount {
  /** Every claim in review. */
  waiting: number;
  /** Of those, the ones assigned to the reader. */
  assignedToMe: number;
}

/**
 * For the reviewers' header badge: the sums of a few counter rows that triggers keep equal to the
 * claims in review (db/schema/queue-counters.ts), not a count over the queue index, which costs
 * ~170 ms with 400,000 claims waiting. tests/integration/queue-counters.test.ts holds them equal.
 */
export async function countWaiting(actor: Actor | null): Promise<WaitingCount> {
  const user = await authorize(actor, "queue:read", { type: "queue" });
  const db = await getDb();
  const [row] = await db
    .select({
      waiting: sql<number>`coalesce(sum(${claimQueueCounters.n}) filter (where ${claimQueueCounters.bucket} = 'waiting'), 0)::int`,
      assignedToMe: sql<number>`coalesce(sum(${claimQueueCounters.n}) filter (where ${claimQueueCounters.bucket} = ${user.id}), 0)::int`,
    })
    .from(claimQueueCounters)
    .where(inArray(claimQueueCounters.bucket, ["waiting", user.id]));
  return { waiting: Number(row?.waiting ?? 0), assignedToMe: Number(row?.assignedToMe ?? 0) };
}

export interface ChangesRequestedItem {
  claimId: string;
  version: number;
  article: { id: string; title: string };
  statement: string;
  verdict: Verdict;
  /** The reviewer's words from the latest request, and who asked when. */
  reason: string | null;
  requestedBy: UserRef | null;
  requestedAt: string | null;
  /** What else needs attention now (e.g. the text changed since), when it differs from `reason`. */
  statusReason: string | null;
}

const MY_CHANGES_LIMIT = 500;

/** The reader's own claims (those they created) that a reviewer sent back, newest request first. */
export async function listMyChangesRequested(actor: Actor | null): Promise<ChangesRequestedItem[]> {
  const user = await authorize(actor, "claim:submit", { type: "claim" });
  const db = await getDb();
  const rows = await db
    .select({
      ...CLAIM_AND_ARTICLE,
      verdict: claims.verdict,
      statusReason: claims.statusReason,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(eq(claims.createdBy, user.id), sql`${claims.status} = 'changes_requested'`))
    .limit(MY_CHANGES_LIMIT);
  if (rows.length === 0) return [];

  const requests = await db
    .select({
      claimId: reviews.claimId,
      reason: reviews.reason,
      at: reviews.at,
      reviewerId: reviews.reviewerId,
      reviewerName: users.name,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(
      and(
        inArray(
          reviews.claimId,
          rows.map((r) => r.id),
        ),
        eq(reviews.decision, "request_changes"),
      ),
    )
    .orderBy(desc(reviews.at), desc(reviews.claimVersion));
  const latest = new Map<string, (typeof requests)[number]>();
  for (const r of requests) if (!latest.has(r.claimId)) latest.set(r.claimId, r);

  return rows
    .map((r) => {
      const request = latest.get(r.id);
      return {
        claimId: r.id,
        version: r.version,
        article: { id: r.articleId, title: r.articleTitle },
        statement: r.statement,
        verdict: r.verdict,
        reason: request?.reason ?? r.statusReason,
        requestedBy: request ? { id: request.reviewerId, name: request.reviewerName } : null,
        requestedAt: request?.at.toISOString() ?? null,
        statusReason: r.statusReason !== request?.reason ? r.statusReason : null,
      };
    })
    .sort((a, b) => (b.requestedAt ?? "").localeCompare(a.requestedAt ?? ""));
}
