import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/database";

const known = new WeakMap<Db, Promise<boolean>>();

/**
 * Whether pg_trgm is installed in this database (migration 0008 creates it where it can). Without
 * it, name search and claim matching fall back to substring matching and word overlap: slower
 * and less forgiving of misspellings, never an error. Asked once per database handle.
 */
export function hasTrigram(db: Db): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = db
      .select({ ok: sql<boolean>`exists (select 1 from pg_extension where extname = 'pg_trgm')` })
      .from(sql`(select 1) as one`)
      .then((rows) => Boolean(rows[0]?.ok));
    known.set(db, answer);
    answer.catch(() => known.delete(db));
  }
  return answer;
}
