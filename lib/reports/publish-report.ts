import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articles, reportPublications } from "@/db/schema";
import { isUuid } from "../validation";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { enqueueWebhookEvent, prepareWebhookQueue } from "../webhooks/enqueue-webhook-event";
import { assembleReport, newCorrections, reportUrlFor } from "./load-report";
import { readReportSnapshot, toStoredSnapshot } from "./report-snapshot";
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
    const previousSnapshot = previous ? readReportSnapshot(previous.snapshot) : undefined;
    const added = previousSnapshot ? newCorrections(previousSnapshot, data, at) : [];
    const version = (previous?.version ?? 0) + 1;
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
    await tx.insert(reportPublications).values({
      articleId,
      version,
      slug: data.article.slug,
      snapshot: toStoredSnapshot(snapshot),
      publishedBy: user.id,
      publishedAt: now,
    });
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
