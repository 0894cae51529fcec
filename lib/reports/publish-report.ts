import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articles, reportPublications } from "@/db/schema";
import { isUuid } from "../validation";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { enqueueWebhookEvent, prepareWebhookQueue } from "../webhooks/enqueue-webhook-event";
import { assembleReport, newCorrections, reportUrlFor } from "./load-report";
import type { ReportData } from "./types";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

export interface PublishResult {
  url: string;
  version: number;
  publishedAt: string;
  corrections: number;
}

export const publishResultSchema = viewSchema<PublishResult>()(
  z.object({ url: z.string(), version: z.number().int(), publishedAt: z.string(), corrections: z.number().int() }),
);

/** The publication the caller is replacing: its version, or 0 for the first publication. */
export const publishReportSchema = z.strictObject({
  version: z
    .number({ message: "version is the report version you are replacing (0 for the first publication)." })
    .int("version is a whole number.")
    .min(0, "version is 0 or more."),
});
export type PublishReportInput = z.input<typeof publishReportSchema>;

/**
 * Publishes the public report as a snapshot: later edits change nothing on the public page until
 * the next publish. A republish keeps the earlier versions, adds a dated correction note for each
 * changed verdict and sets dateModified. The caller sends the version it is replacing (the latest,
 * published or not; 0 for none): twenty clicks on Publish make one new version, the others 409.
 */
export async function publishReport(
  actor: Actor | null,
  articleId: string,
  input: unknown,
  options: { origin?: string | null } = {},
): Promise<PublishResult> {
  const user = await authorize(actor, "report:publish", { type: "article", id: articleId });
  const { version: expected } = parseInput(publishReportSchema, input);
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  await prepareWebhookQueue();
  return db.transaction(async (tx) => {
    const [article] = await tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).for("update");
    if (!article) throw notFound("The article");
    const [previous] = await tx
      .select()
      .from(reportPublications)
      .where(eq(reportPublications.articleId, articleId))
      .orderBy(desc(reportPublications.version))
      .limit(1);
    const current = previous?.version ?? 0;
    if (current !== expected) {
      throw new AppError(
        "conflict",
        `The report was published meanwhile (you had version ${expected}, it is now at version ${current}). Reload and publish again if it still needs it.`,
        undefined,
        { currentVersion: current },
      );
    }
    const data = await assembleReport(tx, articleId, "public", options.origin);
    if (data.claims.length === 0) {
      throw new AppError("unprocessable", "There are no approved claims to publish yet.", {
        claims: "Approve at least one claim first.",
      });
    }
    const now = new Date();
    const at = now.toISOString();
    const added = previous ? newCorrections(previous.snapshot as ReportData, data, at) : [];
    const version = (previous?.version ?? 0) + 1;
    const previousSnapshot = previous?.snapshot as ReportData | undefined;
    const firstSeen = new Map(
      (previousSnapshot?.claims ?? []).map((c) => [c.id, c.publishedAt ?? previousSnapshot?.firstPublishedAt ?? at]),
    );
    const snapshot: ReportData = {
      ...data,
      claims: data.claims.map((c) => ({ ...c, publishedAt: firstSeen.get(c.id) ?? at })),
      generatedAt: at,
      firstPublishedAt: data.firstPublishedAt ?? at,
      modifiedAt: previous ? at : null,
      corrections: [...data.corrections, ...added],
    };
    await tx
      .insert(reportPublications)
      .values({ articleId, version, slug: data.article.slug, snapshot, publishedBy: user.id, publishedAt: now });
    await recordAudit(tx, {
      actorId: user.id,
      action: previous ? "report.republish" : "report.publish",
      targetType: "article",
      targetId: articleId,
      after: {
        version,
        claims: data.claims.length,
        corrections: added.map((c) => ({ claimId: c.claimId, from: c.from, to: c.to })),
      },
    });
    const url = reportUrlFor(data.article.slug, options.origin);
    const published = {
      article: { id: articleId, slug: data.article.slug },
      report: { version, url, publishedAt: at, claims: data.claims.map((c) => ({ id: c.id, verdict: c.verdict })) },
    };
    // A republish that corrects a verdict is a correction; any other (first, after an unpublish,
    // with claims added) is a publication.
    if (added.length > 0) {
      const corrections = added.map((c) => ({ claimId: c.claimId, from: c.from, to: c.to, date: c.date }));
      await enqueueWebhookEvent(tx, "report.corrected", { ...published, corrections }, now);
    } else {
      await enqueueWebhookEvent(tx, "report.published", published, now);
    }
    return { url, version, publishedAt: at, corrections: added.length };
  });
}

/** Takes the public page down (it answers 410); the snapshots stay in the database and history. */
export async function unpublishReport(
  actor: Actor | null,
  articleId: string,
  options: { origin?: string | null } = {},
): Promise<{ unpublished: number }> {
  const user = await authorize(actor, "report:publish", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  await prepareWebhookQueue();
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(reportPublications)
      .set({ unpublishedAt: now, unpublishedBy: user.id })
      .where(and(eq(reportPublications.articleId, articleId), isNull(reportPublications.unpublishedAt)))
      .returning({ version: reportPublications.version, slug: reportPublications.slug });
    if (rows.length === 0) throw new AppError("conflict", "This report is not published.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "report.unpublish",
      targetType: "article",
      targetId: articleId,
      after: { versions: rows.map((r) => r.version) },
    });
    const slug = rows[0]!.slug;
    await enqueueWebhookEvent(
      tx,
      "report.unpublished",
      {
        article: { id: articleId, slug },
        report: {
          url: reportUrlFor(slug, options.origin),
          versions: rows.map((r) => r.version),
          unpublishedAt: now.toISOString(),
        },
      },
      now,
    );
    return { unpublished: rows.length };
  });
}

export type PublicReport =
  | { state: "published"; data: ReportData; version: number; versions: { version: number; publishedAt: string }[] }
  | { state: "gone" }
  | { state: "missing" };

/**
 * The public page's data: readable without login, only ever a stored public snapshot.
 * Deliberately takes no actor: there is nothing here a visitor may not see.
 */
export async function getPublishedReport(slug: string, version?: number): Promise<PublicReport> {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return { state: "missing" };
  const db = await getDb();
  const rows = await db
    .select({
      version: reportPublications.version,
      publishedAt: reportPublications.publishedAt,
      unpublishedAt: reportPublications.unpublishedAt,
      snapshot: reportPublications.snapshot,
    })
    .from(reportPublications)
    .where(eq(reportPublications.slug, slug))
    .orderBy(desc(reportPublications.version));
  if (rows.length === 0) return { state: "missing" };
  // The page is up while its latest publication is: unpublishing takes every version down, and a
  // republish brings back the earlier ones with it (their `?version=N` links keep working).
  if (rows[0]!.unpublishedAt) return { state: "gone" };
  const chosen = version === undefined ? rows[0] : rows.find((r) => r.version === version);
  if (!chosen) return { state: "missing" };
  return {
    state: "published",
    data: chosen.snapshot as ReportData,
    version: chosen.version,
    versions: rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString() })),
  };
}

/** For the article page: is it published, and which version. */
export async function getPublicationStatus(
  actor: Actor | null,
  articleId: string,
  options: { origin?: string | null } = {},
): Promise<{ published: boolean; version: number | null; url: string | null }> {
  await authorize(actor, "article:read", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  const [row] = await db
    .select({
      version: reportPublications.version,
      slug: reportPublications.slug,
      unpublishedAt: reportPublications.unpublishedAt,
    })
    .from(reportPublications)
    .where(eq(reportPublications.articleId, articleId))
    .orderBy(desc(reportPublications.version))
    .limit(1);
  if (!row) return { published: false, version: null, url: null };
  return { published: !row.unpublishedAt, version: row.version, url: reportUrlFor(row.slug, options.origin) };
}
