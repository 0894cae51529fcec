import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";

/**
 * How many sources have a broken link now: their latest check of their current URL did not get a
 * 2xx answer (the dashboard's "broken sources" figure).
 */
export async function countBrokenSources(actor: Actor | null): Promise<number> {
  await authorize(actor, "claim:read", { type: "sources" });
  const db = await getDb();
  const result = await db.execute(sql`
    select count(*)::int as n from sources s
    join lateral (
      select ss.outcome from source_snapshots ss
      where ss.source_id = s.id and ss.url = s.url
      order by ss.fetched_at desc, ss.id desc limit 1
    ) latest on true
    where latest.outcome <> 'ok'`);
  const rows = (result as { rows?: { n: number }[] }).rows ?? (result as unknown as { n: number }[]);
  return Number(rows[0]?.n ?? 0);
}
