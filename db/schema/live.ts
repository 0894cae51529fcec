import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { users } from "./users";

/**
 * Who has an article open right now (docs/live-updates.md): one row per open live-update stream,
 * on whichever app instance holds it. The instance renews `expires_at` while the stream is open and
 * deletes the row when it closes; a row whose instance died simply expires.
 */
export const articleViewers = pgTable(
  "article_viewers",
  {
    /** The stream's own id (random per connection). */
    id: uuid("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("article_viewers_article_idx").on(t.articleId, t.expiresAt),
    index("article_viewers_expires_idx").on(t.expiresAt),
  ],
);
