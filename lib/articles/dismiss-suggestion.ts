import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { articleRevisions, articles, suggestionDismissals } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { cpLength, cpSlice } from "../text/canonical";
import { isUuid } from "../validation";
import { viewSchema } from "../api/view-schema";

export const dismissSuggestionSchema = z.strictObject({
  start: z.number().int().min(0, "start is a code-point offset ≥ 0."),
  end: z.number().int().min(1, "end is a code-point offset > start."),
});
export type DismissSuggestionInput = z.input<typeof dismissSuggestionSchema>;

export interface DismissedSuggestion {
  articleId: string;
  exact: string;
  /** False when the same clause had been dismissed before (nothing changed then). */
  created: boolean;
}

export const dismissedSuggestionSchema = viewSchema<DismissedSuggestion>()(
  z.object({ articleId: z.string(), exact: z.string(), created: z.boolean() }),
);

/**
 * Dismisses a suggested clause of the article's current revision: the suggestion with that text is
 * not offered again for this article (listSuggestions filters it), whatever later corrections do
 * to its position. The text is taken from the article, never from the caller. Idempotent.
 */
export async function dismissSuggestion(actor: Actor | null, articleId: string, input: unknown): Promise<DismissedSuggestion> {
  const user = await authorize(actor, "claim:write", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const { start, end } = parseInput(dismissSuggestionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ body: articleRevisions.body })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
      .where(eq(articles.id, articleId));
    if (!row) throw notFound("The article");
    const length = cpLength(row.body);
    if (end <= start || end > length) {
      throw new AppError("validation_failed", "The suggestion is outside the article text.", {
        end: `end must be greater than start and at most ${length}.`,
      });
    }
    const exact = cpSlice(row.body, start, end);
    if (exact.trim() !== exact || exact.length > 5000) {
      throw new AppError("validation_failed", "That is not a suggested clause of this article.", {
        start: "start and end must be those of a suggestion.",
      });
    }
    const inserted = await tx
      .insert(suggestionDismissals)
      .values({ articleId, exact, dismissedBy: user.id })
      .onConflictDoNothing()
      .returning({ id: suggestionDismissals.id });
    if (inserted.length === 0) return { articleId, exact, created: false };
    await recordAudit(tx, {
      actorId: user.id,
      action: "suggestion.dismiss",
      targetType: "article",
      targetId: articleId,
      after: { exact, start, end },
    });
    return { articleId, exact, created: true };
  });
}

/** The clauses dismissed for an article, for listSuggestions. */
export async function listDismissedClauses(articleId: string): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db
    .select({ exact: suggestionDismissals.exact })
    .from(suggestionDismissals)
    .where(eq(suggestionDismissals.articleId, articleId));
  return new Set(rows.map((r) => r.exact));
}
