import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { sources, sourceSnapshots, type SnapshotOutcome } from "@/db/schema";
import { env } from "../env";
import { SafeFetchError, safeFetch } from "../net/safe-fetch";
import { extractText } from "./extract-text";

const REFUSALS = new Set(["scheme_not_allowed", "credentials_in_url", "address_not_allowed", "invalid_url"]);

/** A second check of the same URL within this time is skipped: a retried or duplicated job is a no-op. */
const DEDUPE_SECONDS = 60;

export const checkSourceJobSchema = z.strictObject({ sourceId: z.uuid() });

export interface CheckResult {
  outcome: SnapshotOutcome | "skipped";
  snapshotId?: string;
}

/**
 * The "source-check" job: fetches one source's URL through safe-fetch and keeps a snapshot. Never
 * throws for what the remote side did (a 404, a refusal, a timeout are results: "link broken");
 * throws only when the snapshot cannot be stored, so the queue retries it.
 */
export async function checkSource(data: unknown): Promise<CheckResult> {
  const { sourceId } = checkSourceJobSchema.parse(data);
  if (env.OUTBOUND_FETCH === "off") return { outcome: "skipped" };
  const db = await getDb();
  const [source] = await db.select({ id: sources.id, url: sources.url }).from(sources).where(eq(sources.id, sourceId));
  if (!source) return { outcome: "skipped" }; // removed since: nothing to do
  const recent = await db
    .select({ id: sourceSnapshots.id })
    .from(sourceSnapshots)
    .where(
      and(
        eq(sourceSnapshots.sourceId, sourceId),
        eq(sourceSnapshots.url, source.url),
        gt(sourceSnapshots.fetchedAt, new Date(Date.now() - DEDUPE_SECONDS * 1000)),
      ),
    )
    .orderBy(desc(sourceSnapshots.fetchedAt))
    .limit(1);
  if (recent.length > 0) return { outcome: "skipped" };

  let row: typeof sourceSnapshots.$inferInsert;
  try {
    const res = await safeFetch(source.url);
    const ok = res.status >= 200 && res.status < 300;
    const extract = ok ? extractText(res.body, res.contentType) : { title: null, text: null };
    // Pages with no text (PDF, images) are compared by their bytes instead.
    const sha256 = ok
      ? createHash("sha256")
          .update(extract.text ?? res.body)
          .digest("hex")
      : null;
    row = {
      sourceId,
      url: source.url,
      outcome: ok ? "ok" : "http_error",
      httpStatus: res.status,
      finalUrl: res.url,
      contentType: res.contentType?.slice(0, 200) ?? null,
      title: extract.title,
      textExtract: extract.text,
      sha256,
      bytes: res.body.length,
      truncated: res.truncated,
    };
  } catch (err) {
    if (!(err instanceof SafeFetchError)) throw err;
    row = {
      sourceId,
      url: source.url,
      outcome: REFUSALS.has(err.code) ? "refused" : "failed",
      finalUrl: err.url ?? null,
      error: err.message.slice(0, 1000),
    };
  }
  const [saved] = await db.insert(sourceSnapshots).values(row).returning({ id: sourceSnapshots.id });
  return { outcome: row.outcome, snapshotId: saved?.id };
}
