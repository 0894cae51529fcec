import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/database";
import type { SnapshotOutcome } from "@/db/schema";
import type { SourceHealth } from "./source-health-view";

export type { SourceHealth };

interface SnapshotFacts {
  id: string;
  outcome: SnapshotOutcome;
  httpStatus: number | null;
  sha256: string | null;
  error: string | null;
  fetchedAt: Date;
}

/** Pure: the health of a source from its latest snapshot and the one it was cited from. */
export function judgeSourceHealth(latest: SnapshotFacts | undefined, cited: SnapshotFacts | undefined): SourceHealth {
  if (!latest) {
    return { state: "unchecked", checkedAt: null, httpStatus: null, reason: null, latestSnapshotId: null, citedSnapshotId: null };
  }
  const base = {
    checkedAt: latest.fetchedAt.toISOString(),
    httpStatus: latest.httpStatus,
    latestSnapshotId: latest.id,
    citedSnapshotId: cited?.id ?? null,
  };
  if (latest.outcome !== "ok") {
    const reason =
      latest.outcome === "http_error"
        ? `the page answers HTTP ${latest.httpStatus}`
        : (latest.error ?? "the page could not be fetched");
    return { ...base, state: "broken", reason };
  }
  if (cited && cited.sha256 !== latest.sha256) return { ...base, state: "changed", reason: null };
  return { ...base, state: "ok", reason: null };
}

type Row = SnapshotFacts & { sourceId: string; fetchedAt: Date | string };

const toFacts = (r: Row): SnapshotFacts & { sourceId: string } => ({
  ...r,
  fetchedAt: r.fetchedAt instanceof Date ? r.fetchedAt : new Date(r.fetchedAt),
});

/**
 * Health of each given source: two index scans (latest snapshot of the current URL, first good
 * one), whatever the number of snapshots kept.
 */
export async function loadSourceHealth(db: Db | Tx, sourceIds: readonly string[]): Promise<Map<string, SourceHealth>> {
  const out = new Map<string, SourceHealth>();
  if (sourceIds.length === 0) return out;
  const ids = sql.join(
    sourceIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const pick = (order: "asc" | "desc", onlyOk: boolean) => sql`
    select distinct on (ss.source_id)
      ss.source_id as "sourceId", ss.id, ss.outcome, ss.http_status as "httpStatus", ss.sha256, ss.error,
      ss.fetched_at as "fetchedAt"
    from source_snapshots ss join sources s on s.id = ss.source_id and s.url = ss.url
    where ss.source_id in (${ids}) ${onlyOk ? sql`and ss.outcome = 'ok'` : sql``}
    order by ss.source_id, ss.fetched_at ${sql.raw(order)}, ss.id`;
  const latest = (await db.execute(pick("desc", false))) as unknown as Row[];
  const cited = (await db.execute(pick("asc", true))) as unknown as Row[];
  const rows = (r: unknown) => ((r as { rows?: Row[] }).rows ?? (r as Row[])).map(toFacts);
  const citedBy = new Map(rows(cited).map((r) => [r.sourceId, r]));
  const latestBy = new Map(rows(latest).map((r) => [r.sourceId, r]));
  for (const id of sourceIds) out.set(id, judgeSourceHealth(latestBy.get(id), citedBy.get(id)));
  return out;
}
