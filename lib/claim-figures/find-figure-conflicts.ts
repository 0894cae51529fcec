import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import type { ConflictRow } from "./figure-warnings";

/** The comparable parts of one of this claim's figures (claim_figures columns). */
export interface FigureKey {
  text: string;
  subjectKey: string;
  baseUnit: string;
  subject: string;
  low: number | null;
  high: number | null;
  place: string | null;
  period: string | null;
}

interface ConflictSqlRow {
  claim_id: string;
  article_id: string;
  article_title: string;
  statement: string;
  theirs: string;
}

/** At most this many other claims per figure: enough to warn and link, bounded at any size. */
export const CONFLICTS_PER_FIGURE = 5;

/**
 * (c) Approved claims elsewhere in the desk with a figure on the same subject and in the same unit
 * that disagrees with this one (their intervals do not meet; an unbounded side never disagrees),
 * and no figure on that subject and unit that agrees. Same place and period when both name them.
 * An index lookup on claim_figures (subject_key, base_unit, claim_id): bench/figure-conflicts.bench.ts.
 */
export async function findFigureConflicts(db: Db | Tx, claimId: string, figure: FigureKey): Promise<ConflictRow[]> {
  const low = sql`${figure.low}::float8`;
  const high = sql`${figure.high}::float8`;
  const place = sql`${figure.place}::text`;
  const period = sql`${figure.period}::text`;
  const result = await db.execute(sql`
    select f.claim_id, c.article_id, a.title as article_title, c.statement, f.text as theirs
    from claim_figures f
    join claims c on c.id = f.claim_id
    join articles a on a.id = c.article_id
    where f.subject_key = ${figure.subjectKey} and f.base_unit = ${figure.baseUnit}
      and f.claim_id <> ${claimId}::uuid
      and c.status = 'approved'
      and (coalesce(${low} >= f.high, false) or coalesce(f.low >= ${high}, false))
      and (f.place is null or ${place} is null or lower(f.place) = lower(${place}))
      and (f.period is null or ${period} is null or lower(f.period) = lower(${period}))
      and not exists (
        select 1 from claim_figures g
        where g.subject_key = ${figure.subjectKey} and g.base_unit = ${figure.baseUnit} and g.claim_id = f.claim_id
          and not (coalesce(${low} >= g.high, false) or coalesce(g.low >= ${high}, false))
      )
    order by c.approved_at desc
    limit ${CONFLICTS_PER_FIGURE}
  `);
  return rowsOf<ConflictSqlRow>(result).map((r) => ({
    claimId: r.claim_id,
    articleId: r.article_id,
    articleTitle: r.article_title,
    statement: r.statement,
    theirs: r.theirs,
    ours: figure.text,
    subject: figure.subject,
    unit: figure.baseUnit,
  }));
}

/** drizzle's execute answers an array (postgres.js) or { rows } (PGlite). */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
