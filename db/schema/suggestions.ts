import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { users } from "./users";

/**
 * Suggested claims an editor dismissed, per article. Remembered by the clause's text rather than
 * its offsets, so that a dismissed suggestion stays dismissed when a correction moves it.
 */
export const suggestionDismissals = pgTable(
  "suggestion_dismissals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    exact: text("exact").notNull(),
    dismissedBy: uuid("dismissed_by")
      .notNull()
      .references(() => users.id),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also serves the per-article lookup (its leading column).
    unique("suggestion_dismissals_article_exact_unique").on(t.articleId, t.exact),
    check("suggestion_dismissals_exact_check", sql`length(${t.exact}) between 1 and 5000`),
  ],
);
