import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "@/lib/database";
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

/** At most this many other claims per figure: enough to warn and link, bounded at any size. */
export const CONFLICTS_PER_FIGURE = 5;

interface ConflictSqlRow {
  claim_id: string;
  article_id: string;
  article_title: string;
  statement: string;
  theirs: string;
}

/**
 * (c) Approved claims elsewhere in the desk with a figure on the same subject and in the same unit
 * that disagrees with this one, and no figure on that subject and unit that agrees; same place and
 * period when both name them. Two figures disagree when their intervals do not meet, so a
 * disagreeing figure lies wholly below ours (its high ≤ our low) or wholly above (its low ≥ our
 * high): two range scans of partial indexes on approved claims' figures (claim_figures_approved_
 * high_idx / _low_idx), nearest first, that stop at the limit; only the few rows found visit their
 * claim. An unbounded side of ours ("more than 10,000") has nothing beyond it.
 * bench/figure-conflicts.bench.ts measures it at 1,000,000 claims.
 */
export async function findFigureConflicts(db: Db | Tx, claimId: string, figure: FigureKey): Promise<ConflictRow[]> {
  const place = sql`${figure.place}::text`;
  const period = sql`${figure.period}::text`;
  const side = (range: SQL, order: SQL) => sql`(
    select f.claim_id, f.text
    from claim_figures f
    where f.claim_approved and f.subject_key = ${figure.subjectKey} and f.base_unit = ${figure.baseUnit} and ${range}
      and f.claim_id <> ${claimId}::uuid
      and (f.place is null or ${place} is null or lower(f.place) = lower(${place}))
      and (f.period is null or ${period} is null or lower(f.period) = lower(${period}))
      and not exists (
        select 1 from claim_figures g
        where g.subject_key = ${figure.subjectKey} and g.base_unit = ${figure.baseUnit} and g.claim_id = f.claim_id
          and not (coalesce(${figure.low}::float8 >= g.high, false) or coalesce(g.low >= ${figure.high}::float8, false))
      )
    order by ${order}
    limit ${CONFLICTS_PER_FIGURE})`;
  const sides: SQL[] = [];
  if (figure.low !== null) sides.push(side(sql`f.high <= ${figure.low}::float8`, sql`f.high desc`));
  if (figure.high !== null) sides.push(side(sql`f.low >= ${figure.high}::float8`, sql`f.low asc`));
  if (sides.length === 0) return [];
  const result = await db.execute(sql`
    select d.claim_id, c.article_id, a.title as article_title, c.statement, d.text as theirs
    from (${sql.join(sides, sql` union all `)}) d
    join claims c on c.id = d.claim_id
    join articles a on a.id = c.article_id
    limit ${CONFLICTS_PER_FIGURE}`);
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
