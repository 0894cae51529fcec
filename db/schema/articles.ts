import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { ARTICLE_FORMATS } from "../../domain/vocabulary";
import { inList } from "./in-list";
import { tsvector } from "./tsvector";
import { users } from "./users";

export { ARTICLE_FORMATS };

export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    slug: text("slug").notNull().unique(),
    url: text("url"),
    publisher: text("publisher"),
    author: text("author"),
    publishedAt: date("published_at", { mode: "string" }),
    currentRevisionId: uuid("current_revision_id").references((): AnyPgColumn => articleRevisions.id),
    /** Optimistic lock for metadata edits and new revisions. */
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Figures of the title as search words (lib/search/figure-terms.ts), set by lib/. */
    searchFigures: text("search_figures").notNull().default(""),
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english'::regconfig, title) || to_tsvector('simple'::regconfig, search_figures)`),
    /**
     * The current revision's search_vector, copied by a trigger whenever current_revision_id is set
     * (migration 0010): title and current text are then searched in one table, newest first,
     * without a join that makes PostgreSQL walk every article (lib/search/search-desk.ts).
     */
    textVector: tsvector("text_vector")
      .notNull()
      .default(sql`''::tsvector`),
  },
  (t) => [
    index("articles_search_idx").using("gin", t.searchVector),
    index("articles_text_search_idx").using("gin", t.textVector),
    check("articles_title_check", sql`length(${t.title}) between 1 and 500`),
    check("articles_slug_check", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("articles_url_check", sql`${t.url} is null or (${t.url} ~* '^https?://' and length(${t.url}) <= 2048)`),
    index("articles_created_at_idx").on(t.createdAt),
  ],
);

export const articleRevisions = pgTable(
  "article_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** Canonical text (docs/anchoring.md §1): the reading view renders exactly this. */
    body: text("body").notNull(),
    bodyHash: text("body_hash").notNull(),
    normalizerVersion: integer("normalizer_version").notNull(),
    sourceFormat: text("source_format", { enum: ARTICLE_FORMATS }).notNull().default("text"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Figures of the body as search words, set by lib/. */
    searchFigures: text("search_figures").notNull().default(""),
    /** The first 500,000 characters are searchable: a tsvector holds at most 1 MB. */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('english'::regconfig, left(body, 500000)) || to_tsvector('simple'::regconfig, search_figures)`,
      ),
  },
  (t) => [
    index("article_revisions_search_idx").using("gin", t.searchVector),
    unique("article_revisions_article_number_key").on(t.articleId, t.number),
    check("article_revisions_number_check", sql`${t.number} >= 1`),
    check("article_revisions_body_check", sql`length(${t.body}) between 1 and 2000000`),
    check("article_revisions_format_check", sql`${t.sourceFormat} in (${inList(ARTICLE_FORMATS)})`),
  ],
);

export type ArticleRow = typeof articles.$inferSelect;
export type ArticleRevisionRow = typeof articleRevisions.$inferSelect;
