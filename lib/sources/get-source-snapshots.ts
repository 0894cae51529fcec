import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { sources, sourceSnapshots } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { isUuid } from "../validation";
import { loadSourceHealth, type SourceHealth } from "./source-health";

export interface SnapshotView {
  id: string;
  url: string;
  outcome: string;
  httpStatus: number | null;
  finalUrl: string | null;
  contentType: string | null;
  title: string | null;
  sha256: string | null;
  bytes: number;
  truncated: boolean;
  error: string | null;
  fetchedAt: string;
}

export interface SourceSnapshots {
  source: { id: string; claimId: string; url: string; title: string };
  health: SourceHealth;
  /** Newest first, at most 50. */
  checks: SnapshotView[];
  /** Text of the page when it was cited, and now (when it changed): shown as plain text only. */
  citedText: string | null;
  latestText: string | null;
}

/** A source's link checks and saved text, for the desk (claim readers). */
export async function getSourceSnapshots(actor: Actor | null, sourceId: string): Promise<SourceSnapshots> {
  await authorize(actor, "claim:read", { type: "source", id: sourceId });
  if (!isUuid(sourceId)) throw notFound("The source");
  const db = await getDb();
  const [source] = await db
    .select({ id: sources.id, claimId: sources.claimId, url: sources.url, title: sources.title })
    .from(sources)
    .where(eq(sources.id, sourceId));
  if (!source) throw notFound("The source");
  const health = (await loadSourceHealth(db, [sourceId])).get(sourceId)!;
  const rows = await db
    .select()
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(sourceSnapshots.fetchedAt), desc(sourceSnapshots.id))
    .limit(50);
  const textOf = async (id: string | null) => {
    if (!id) return null;
    const [row] = await db.select({ text: sourceSnapshots.textExtract }).from(sourceSnapshots).where(eq(sourceSnapshots.id, id));
    return row?.text ?? null;
  };
  return {
    source,
    health,
    checks: rows.map(({ textExtract: _text, sourceId: _s, fetchedAt, ...r }) => ({ ...r, fetchedAt: fetchedAt.toISOString() })),
    citedText: await textOf(health.citedSnapshotId),
    latestText: health.state === "changed" ? await textOf(health.latestSnapshotId) : null,
  };
}
