import "server-only";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/database";
import type { ArticleNotice } from "./live-event";

/**
 * Claim and article changes, read from the audit log a few times a second (migration
 * 0027_live_outbox, docs/live-updates.md). Every change writes its audit row in its own
 * transaction, so the audit log is the outbox: a rolled-back change has no row, and no use case
 * has to announce anything. Instances share nothing but the table, so a change made through one
 * reaches the streams of every other.
 *
 * Rows become visible in commit order, not id order: a transaction that took id 10 may commit
 * after one that took id 11. So the cursor is not an id but the writing transaction's id
 * (`xact_id`), and a watermark: the oldest transaction still running when the reading statement
 * took its snapshot (pg_snapshot_xmin). Every transaction below the watermark has ended, so its
 * rows are visible now or never; rows at or above it may still be joined by others. Each read
 * takes the rows from the previous watermark on, passes on those it has not passed on yet (their
 * ids are remembered while they sit above the watermark) and moves the watermark up.
 */
export const OUTBOX_POLL_MS = 250;

const UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

interface OutboxRow {
  horizon: string;
  id: string | null;
  xact: string | null;
  action: string | null;
  target_type: string | null;
  target_id: string | null;
  actor_id: string | null;
  claim_article: string | null;
  claim_version: number | null;
  meta_article: string | null;
  article_version: number | null;
  revision: number | null;
}

/**
 * The watermark of the reading statement's snapshot and the rows about claims and articles from
 * `from` on (from the watermark itself when `from` is null), with the versions they left behind.
 */
function readSql(from: string | null) {
  const lower = from === null ? sql`h.horizon` : sql`${from}::xid8`;
  return sql`
    with h as (select pg_snapshot_xmin(pg_current_snapshot()) as horizon)
    select h.horizon::text as horizon, e.id::text as id, e.xact_id::text as xact, e.action, e.target_type, e.target_id,
           e.actor_id::text as actor_id, c.article_id::text as claim_article, c.version as claim_version,
           case when e.meta ->> 'articleId' ~* ${sql.raw(UUID)} then e.meta ->> 'articleId' end as meta_article,
           a.version as article_version, r.number as revision
    from h
    left join audit_events e
      on e.xact_id >= ${lower} and e.target_type in ('claim', 'article') and e.action <> 'access.denied'
    left join claims c
      on e.target_type = 'claim' and c.id = (case when e.target_id ~* ${sql.raw(UUID)} then e.target_id::uuid end)
    left join articles a
      on e.target_type = 'article' and a.id = (case when e.target_id ~* ${sql.raw(UUID)} then e.target_id::uuid end)
    left join article_revisions r on r.id = a.current_revision_id
    order by e.id`;
}

/** What a row announces (as 0023's trigger did), or null when there is nothing left to announce. */
export function noticeOfRow(row: OutboxRow): ArticleNotice | null {
  if (!row.action || !row.target_id) return null;
  if (row.target_type === "claim") {
    // A deleted claim (or one deleted since): its audit row names the article.
    const articleId = row.claim_article ?? row.meta_article;
    if (!articleId) return null;
    return {
      type: "claim",
      action: row.action,
      articleId,
      claimId: row.target_id,
      claimVersion: row.claim_article ? row.claim_version : null,
      actorId: row.actor_id,
    };
  }
  if (row.article_version === null) return null; // the article is gone
  return {
    type: "article",
    action: row.action,
    articleId: row.target_id,
    articleVersion: row.article_version,
    revision: row.revision,
    actorId: row.actor_id,
  };
}

/**
 * Reads the outbox of `handle` every OUTBOX_POLL_MS and hands each new change to `deliver`, in id
 * order, identical notices of one transaction once. Resolves once the cursor is set: changes
 * committed from then on are delivered. The returned function stops it.
 */
export async function pollAuditOutbox(
  handle: DatabaseHandle,
  deliver: (notice: ArticleNotice) => void,
  pollMs = OUTBOX_POLL_MS,
): Promise<() => Promise<void>> {
  const read = async (from: string | null): Promise<OutboxRow[]> => {
    const result = (await handle.db.execute(readSql(from))) as unknown as OutboxRow[] | { rows: OutboxRow[] };
    return Array.isArray(result) ? result : result.rows;
  };
  /** Rows already passed on whose transaction is at or above the watermark: id → xact_id. */
  const passed = new Map<string, bigint>();
  let watermark: string;
  const advance = (rows: OutboxRow[], send: boolean) => {
    const sentOfTransaction = new Set<string>();
    for (const row of rows) {
      if (row.id === null || row.xact === null || passed.has(row.id)) continue;
      passed.set(row.id, BigInt(row.xact));
      if (!send) continue;
      const notice = noticeOfRow(row);
      if (!notice) continue;
      const key = `${row.xact} ${JSON.stringify(notice)}`;
      if (sentOfTransaction.has(key)) continue;
      sentOfTransaction.add(key);
      deliver(notice);
    }
    watermark = rows[0]!.horizon;
    const floor = BigInt(watermark);
    for (const [id, xact] of passed) if (xact < floor) passed.delete(id);
  };

  // The cursor starts at the present: what is visible now was committed before anyone listened.
  advance(await read(null), false);

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  const tick = () => {
    running = read(watermark).then(
      (rows) => {
        if (stopped) return;
        failing = false;
        advance(rows, true);
      },
      (err: unknown) => {
        // The database is down or busy: nothing is lost, the next read starts from the same cursor.
        if (!failing) console.error(`[live] could not read the audit log: ${err instanceof Error ? err.message : String(err)}`);
        failing = true;
      },
    );
    void running.then(() => {
      if (stopped) return;
      timer = setTimeout(tick, pollMs);
      timer.unref();
    });
  };
  timer = setTimeout(tick, pollMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
