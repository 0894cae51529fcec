import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { reportPublications } from "@/db/schema";
import { isUuid } from "../validation";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { enqueueWebhookEvent, prepareWebhookQueue } from "../webhooks/enqueue-webhook-event";
import { reportUrlFor } from "./load-report";

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
