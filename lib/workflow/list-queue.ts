import "server-only";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb, prepareStatement, type PreparedStatement, rowsOf, statementCache } from "@/lib/database";
import { articles, claimQueueCounters, claims, reviews, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import { type Actor, PERMISSIONS } from "../auth/permissions";
import type { SessionRead } from "../security/rate-limits";
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

/** The query a request without parameters means (the first page, default size): validated once. */
const DEFAULT_QUERY = parseInput(queueQuerySchema, {});

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

/**
 * A date JavaScript and PostgreSQL both read as written: `Date.parse` takes 2024-02-30 (as March 1)
 * and the year 0000, which PostgreSQL refuses when it binds the value (a 500, not a 422).
 */
function isTimestampPostgresTakes(ts: string): boolean {
  const ms = Date.parse(ts);
  return !Number.isNaN(ms) && !ts.startsWith("0000") && new Date(ms).toISOString().slice(0, 23) === ts.slice(0, 23);
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
    !isTimestampPostgresTakes(parsed[0]) ||
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

/** Which filters a queue request gives, one bit each (and DEFAULT_LIMIT): at most 34 statement texts. */
const AFTER = 1;
const BY_ARTICLE = 2;
const BY_VERDICT = 4;
const BY_EDITOR = 8;
const ASSIGNED_TO_ME = 16;
/** The filters whose values decide the plan: a value that matches nothing needs its own. */
const FILTERS = BY_ARTICLE | BY_VERDICT | BY_EDITOR | ASSIGNED_TO_ME;
/** The default page size, written as a literal (see queueStatement). */
const DEFAULT_LIMIT = 32;

const editor = alias(users, "editor");
const assignee = alias(users, "assignee");

/**
 * The review queue's statement for one combination of filters (`shape`, the bits above), every
 * value a placeholder (`sql.placeholder`): the page size, the cursor, the filters' values. Written
 * out with column aliases rather than through drizzle's query builder, whose building and per-row
 * decoding cost more CPU than the query's round trip (bench/README.md, "HTTP overhead"). The text
 * is what the builder sent, but for the aliases: the same joins, the same keyset condition, the
 * same plan (claims_queue_idx).
 */
function queueStatement(shape: number, ride?: { head: SQL; gate: SQL }): SQL {
  const where: SQL[] = [IN_REVIEW];
  if (shape & AFTER)
    where.push(
      sql`(${claims.submittedAt}, ${claims.id}) > (${sql.placeholder("afterAt")}::timestamptz, ${sql.placeholder("afterId")}::uuid)`,
    );
  if (shape & BY_ARTICLE) where.push(sql`${claims.articleId} = ${sql.placeholder("article")}`);
  if (shape & BY_VERDICT) where.push(sql`${claims.verdict} = ${sql.placeholder("verdict")}`);
  if (shape & BY_EDITOR) where.push(sql`${claims.createdBy} = ${sql.placeholder("editor")}`);
  if (shape & ASSIGNED_TO_ME) where.push(sql`${claims.assignedReviewerId} = ${sql.placeholder("me")}`);
  if (ride) where.push(ride.gate);
  return sql`select ${ride ? sql`${ride.head}, ` : sql``}${claims.id} as "id", ${claims.version} as "version", ${claims.articleId} as "articleId",
      ${articles.title} as "articleTitle", ${claims.statement} as "statement", ${claims.exact} as "exact",
      ${claims.anchorText} as "anchorText", ${claims.anchorState} as "anchorState", ${claims.verdict} as "verdict",
      ${claims.statusReason} as "statusReason", ${claims.createdBy} as "createdBy", ${editor.name} as "editorName",
      ${claims.editorsSinceApproval} as "editorsSinceApproval", ${claims.assignedReviewerId} as "assignedReviewerId",
      ${assignee.name} as "assigneeName", ${SUBMITTED_AT_EXACT} as "submittedAt"
    from ${claims}
    inner join ${articles} on ${articles.id} = ${claims.articleId}
    inner join ${users} ${sql.identifier("editor")} on ${editor.id} = ${claims.createdBy}
    left join ${users} ${sql.identifier("assignee")} on ${assignee.id} = ${claims.assignedReviewerId}
    where ${and(...where)}
    order by ${claims.submittedAt} asc, ${claims.id} asc
    limit ${shape & DEFAULT_LIMIT ? sql.raw(String(DEFAULT_QUERY.limit + 1)) : sql.placeholder("limit")}`;
}

/** How many columns queueStatement selects. */
const QUEUE_COLUMNS = 16;

/** A row of queueStatement: every value as both drivers give it (no timestamps: text). */
interface QueueRow {
  id: string;
  version: number;
  articleId: string;
  articleTitle: string;
  statement: string;
  exact: string;
  anchorText: string | null;
  anchorState: QueueItem["anchorState"];
  verdict: Verdict;
  statusReason: string | null;
  createdBy: string;
  editorName: string;
  editorsSinceApproval: string[];
  assignedReviewerId: string | null;
  assigneeName: string | null;
  /** To the microsecond, ISO 8601 (SUBMITTED_AT_EXACT). */
  submittedAt: string | null;
}

/**
 * The statements of each database handle, by shape: built once per process and handle (tests open
 * several). Without a filter (the pages of the whole queue), the named prepared statement
 * `review_queue` (one per distinct text and pool connection), which PostgreSQL plans once and then
 * runs with a generic plan (plan_cache_mode `auto`, db/postgres.ts): its best plan, walking
 * claims_queue_idx, is the same for every cursor. The default page size is then a literal: with
 * `limit $n` a generic plan is costed for 10 % of the rows, more than the custom plans, and never
 * chosen. With a filter, an unnamed statement planned for each request's values: a generic plan
 * would walk the whole in-review index for a value that matches nothing (bench/queue.bench.ts).
 */
const statements = statementCache<number>();

function queueStatementFor(db: Db, shape: number): PreparedStatement {
  return statements(db, shape, () => prepareStatement(db, shape & FILTERS ? undefined : "review_queue", queueStatement(shape)));
}

/** A queue request's statement shape (the bits above) and the values of its placeholders. */
function shapeOf(query: ParsedQuery, readerId: string): { shape: number; values: Record<string, unknown> } {
  const cursor = query.after ? decodeQueueCursor(query.after) : null;
  let shape = 0;
  const values: Record<string, unknown> = { limit: query.limit + 1 };
  if (cursor) {
    shape |= AFTER;
    values.afterAt = cursor.submittedAt;
    values.afterId = cursor.id;
  }
  if (query.article) {
    shape |= BY_ARTICLE;
    values.article = query.article;
  }
  if (query.verdict) {
    shape |= BY_VERDICT;
    values.verdict = query.verdict;
  }
  if (query.editor) {
    shape |= BY_EDITOR;
    values.editor = query.editor;
  }
  if (query.assigned === "me") {
    shape |= ASSIGNED_TO_ME;
    values.me = readerId;
  }
  if (!(shape & FILTERS) && query.limit === DEFAULT_QUERY.limit) shape |= DEFAULT_LIMIT;
  return { shape, values };
}

type ParsedQuery = typeof DEFAULT_QUERY;

/** The parsed query of `input` (the defaults parsed once). */
function queryOf(input: QueueQuery): ParsedQuery {
  return isEmpty(input) ? DEFAULT_QUERY : parseInput(queueQuerySchema, input);
}

/** The review queue's page read along the session check (SessionRead), for listReviewQueue. */
export interface ReviewQueueRead extends SessionRead {
  readonly input: QueueQuery;
  readonly query: ParsedQuery;
}

/**
 * GET /api/queue's page read in the statement that checks the session and counts the request
 * (lib/security/rate-limits.ts SessionRead): one round trip instead of two. The statement returns
 * the rows only to a reader whose session holds, whose role may read the queue and who is within
 * the rate limits; listReviewQueue, given it, still authorizes its actor first. Null when `input`
 * does not parse: listReviewQueue then refuses it in its usual order (after the session check).
 */
export function reviewQueueRead(input: QueueQuery): ReviewQueueRead | null {
  let query: ParsedQuery;
  let shape: number;
  try {
    query = queryOf(input);
    // The cursor too: an invalid one is refused after the session check, as without the read.
    shape = shapeOf(query, "").shape;
  } catch {
    return null;
  }
  return {
    input,
    query,
    key: `queue${shape}`,
    named: !(shape & FILTERS),
    roles: PERMISSIONS["queue:read"],
    columns: QUEUE_COLUMNS,
    select: (head, gate) => queueStatement(shape, { head, gate }),
    values: (readerId) => shapeOf(query, readerId).values,
    rows: null,
    gateOpen: null,
    readerId: null,
  };
}

/**
 * Claims in review across all articles, oldest submission first. Keyset pagination on
 * (submitted_at, id) walks claims_queue_idx, so page 1,000 costs what page 1 costs. `read`: the
 * page already read along the session check (reviewQueueRead), used when it returned rows for
 * this same input (the actor is then the session's user).
 */
export async function listReviewQueue(
  actor: Actor | null,
  input: QueueQuery = {},
  read?: ReviewQueueRead | null,
): Promise<QueuePage> {
  const user = await authorize(actor, "queue:read", { type: "queue" });
  const ridden = read?.rows && read.input === input && read.readerId === user.id ? read : null;
  const query = ridden ? ridden.query : queryOf(input);
  let rows: QueueRow[];
  if (ridden?.rows) {
    rows = ridden.rows as QueueRow[];
  } else {
    const { shape, values } = shapeOf(query, user.id);
    const db = await getDb();
    rows = rowsOf<QueueRow>(await queueStatementFor(db, shape).execute(values));
  }

  const count = Math.min(rows.length, query.limit);
  const items: QueueItem[] = new Array<QueueItem>(count);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    // To the millisecond, as a JS Date of the timestamp says it (truncated, not rounded).
    const submittedAt = r.submittedAt === null ? null : `${r.submittedAt.slice(0, 23)}Z`;
    items[i] = {
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
      submittedAt: submittedAt as string,
      waitingSeconds: submittedAt ? Math.max(0, Math.floor((now - Date.parse(submittedAt)) / 1000)) : 0,
      textChanged: claimNeedsAttention(r),
      statusReason: r.statusReason,
      canApprove: !isBarredFromApproving(r, user.id),
    };
  }
  const last = rows[count - 1];
  return {
    items,
    next:
      rows.length > query.limit && last?.submittedAt ? encodeQueueCursor({ submittedAt: last.submittedAt, id: last.id }) : null,
  };
}

function isEmpty(input: object): boolean {
  for (const key in input) if (Object.hasOwn(input, key)) return false;
  return true;
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
