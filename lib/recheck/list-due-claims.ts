import "server-only";
import { and, asc, eq, gt, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { articles, claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { VERDICTS, type Verdict } from "../claims/verdicts";
import { viewSchema } from "../api/view-schema";

export interface DueClaim {
  id: string;
  articleId: string;
  articleTitle: string;
  statement: string;
  verdict: Verdict;
  status: string;
  recheckBy: string | null;
  /** ISO, to the microsecond (the page's sort key). */
  dueSince: string;
  lastRecheckedAt: string | null;
}

export const dueClaimSchema = viewSchema<DueClaim>()(
  z.object({
    id: z.string(),
    articleId: z.string(),
    articleTitle: z.string(),
    statement: z.string(),
    verdict: z.enum(VERDICTS),
    status: z.string(),
    recheckBy: z.string().nullable(),
    dueSince: z.string(),
    lastRecheckedAt: z.string().nullable(),
  }),
);

export interface DuePage {
  items: DueClaim[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export const duePageSchema = viewSchema<DuePage>()(z.object({ items: z.array(dueClaimSchema), next: z.string().nullable() }));

export const dueQuerySchema = z.strictObject({
  articleId: z.uuid("Not an article id.").optional(),
  verdict: z.enum(VERDICTS).optional(),
  /** waiting: still approved (nobody started the re-check); in_recheck: back in the workflow. */
  state: z.enum(["all", "waiting", "in_recheck"]).default("all"),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DueQuery = z.input<typeof dueQuerySchema>;

// The literal predicate lets the planner use the partial index claims_recheck_due_idx.
const IS_DUE = sql`${claims.recheckDueAt} is not null`;
const DUE_AT_EXACT = sql<string>`to_char(${claims.recheckDueAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(value: string): { dueAt: string; id: string } {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    if (typeof dueAt === "string" && CURSOR_TS.test(dueAt) && typeof id === "string" && z.uuid().safeParse(id).success) {
      return { dueAt, id };
    }
  } catch {
    /* falls through */
  }
  throw new AppError("validation_failed", "Some fields are not valid.", { after: "Not a page of this list." });
}

/** Claims due for re-check, the longest-due first, keyset-paged; filters by article, verdict, state. */
export async function listDueClaims(actor: Actor | null, input: DueQuery = {}): Promise<DuePage> {
  await authorize(actor, "claim:read", { type: "recheck" });
  const q = parseInput(dueQuerySchema, input);
  const where: SQL[] = [IS_DUE];
  if (q.articleId) where.push(eq(claims.articleId, q.articleId));
  if (q.verdict) where.push(eq(claims.verdict, q.verdict));
  if (q.state === "waiting") where.push(eq(claims.status, "approved"));
  if (q.state === "in_recheck") where.push(sql`${claims.status} <> 'approved'`);
  if (q.after) {
    const c = decodeCursor(q.after);
    where.push(
      or(
        gt(claims.recheckDueAt, sql`${c.dueAt}::timestamptz`),
        and(eq(claims.recheckDueAt, sql`${c.dueAt}::timestamptz`), gt(claims.id, c.id)),
      )!,
    );
  }
  const db = await getDb();
  const rows = await db
    .select({
      id: claims.id,
      articleId: claims.articleId,
      articleTitle: articles.title,
      statement: claims.statement,
      verdict: claims.verdict,
      status: claims.status,
      recheckBy: claims.recheckBy,
      dueSince: DUE_AT_EXACT,
      lastRecheckedAt: claims.lastRecheckedAt,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(...where))
    .orderBy(asc(claims.recheckDueAt), asc(claims.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => ({ ...r, lastRecheckedAt: r.lastRecheckedAt?.toISOString() ?? null }));
  const last = items[items.length - 1];
  const next =
    rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.dueSince, last.id]), "utf8").toString("base64url") : null;
  return { items, next };
}

/** How many claims are due for re-check (the header's count and the dashboard's figure). */
export async function countDueClaims(actor: Actor | null): Promise<number> {
  await authorize(actor, "claim:read", { type: "recheck" });
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(claims)
    .where(and(IS_DUE, isNotNull(claims.recheckDueAt)));
  return Number(row?.n ?? 0);
}
