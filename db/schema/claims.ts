import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { articleRevisions, articles } from "./articles";
import { ANCHOR_STATES, CLAIM_STATUSES, CLAIMANT_TYPES, REVIEW_DECISIONS, SOURCE_KINDS, VERDICTS } from "../../domain/vocabulary";
import { inList } from "./in-list";
import { tsvector } from "./tsvector";
import { users } from "./users";

// Enum columns and their CHECK constraints are built from the one vocabulary (domain/vocabulary.ts).
export { ANCHOR_STATES, CLAIM_STATUSES };

export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    // Anchor (docs/anchoring.md): offsets are Unicode code points into the revision's canonical body.
    /** What the editor marked; never overwritten automatically. */
    exact: text("exact").notNull(),
    prefix: text("prefix").notNull().default(""),
    suffix: text("suffix").notNull().default(""),
    startCp: integer("start_cp").notNull(),
    endCp: integer("end_cp").notNull(),
    anchorRevisionId: uuid("anchor_revision_id")
      .notNull()
      .references(() => articleRevisions.id),
    anchorState: text("anchor_state", { enum: ANCHOR_STATES }).notNull().default("anchored"),
    /** The text now under the claim when it differs from `exact` (state `changed`). */
    anchorText: text("anchor_text"),
    anchorMethod: text("anchor_method"),
    anchorScore: real("anchor_score"),
    // What is claimed
    claimant: text("claimant"),
    claimantType: text("claimant_type", { enum: CLAIMANT_TYPES }).notNull().default("Person"),
    statement: text("statement").notNull(),
    claimDate: date("claim_date", { mode: "string" }),
    /** Where the claim was made (a place, a programme, or a URL of its first appearance). */
    claimPlace: text("claim_place"),
    appearanceUrl: text("appearance_url"),
    verdict: text("verdict", { enum: VERDICTS }).notNull().default("unverified"),
    rationale: text("rationale").notNull().default(""),
    // Workflow
    status: text("status", { enum: CLAIM_STATUSES }).notNull().default("draft"),
    /** Why the claim is back in review or needs attention (e.g. "text changed in revision 3"). */
    statusReason: text("status_reason"),
    version: integer("version").notNull().default(1),
    /**
     * Users who created the claim or changed its verdict, statement, rationale or sources since
     * the last approval. None of them may approve it (four-eyes rule, enforced by a trigger).
     */
    editorsSinceApproval: uuid("editors_since_approval")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    assignedReviewerId: uuid("assigned_reviewer_id").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    approvedVersion: integer("approved_version"),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    // Verdicts expire (lib/recheck/): the date an approved verdict should be checked again, set at
    // approval (desk default by kind of claim) and changeable by the editor.
    recheckBy: date("recheck_by", { mode: "string" }),
    /** Set by the daily job once recheckBy has passed; cleared when the claim is approved again. */
    recheckDueAt: timestamp("recheck_due_at", { withTimezone: true }),
    /** When a re-check was last approved, and what it found. */
    lastRecheckedAt: timestamp("last_rechecked_at", { withTimezone: true }),
    lastRecheckOutcome: text("last_recheck_outcome", { enum: ["unchanged", "corrected"] }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Figures of statement, quote and note as search words (lib/search/figure-terms.ts), set by lib/. */
    searchFigures: text("search_figures").notNull().default(""),
    /** Full-text document: statement and claimant weigh most, then the quote, then the note. */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, coalesce(claimant, '') || ' ' || statement), 'A') || setweight(to_tsvector('english'::regconfig, exact), 'B') || setweight(to_tsvector('english'::regconfig, rationale), 'C') || to_tsvector('simple'::regconfig, search_figures)`,
      ),
  },
  (t) => [
    index("claims_search_idx").using("gin", t.searchVector),
    check("claims_offsets_check", sql`${t.startCp} >= 0 and ${t.endCp} > ${t.startCp}`),
    check("claims_exact_check", sql`length(${t.exact}) between 1 and 5000`),
    check("claims_statement_check", sql`length(${t.statement}) between 1 and 1000`),
    check("claims_status_check", sql`${t.status} in (${inList(CLAIM_STATUSES)})`),
    check("claims_verdict_check", sql`${t.verdict} in (${inList(VERDICTS)})`),
    check("claims_anchor_state_check", sql`${t.anchorState} in (${inList(ANCHOR_STATES)})`),
    check("claims_claimant_type_check", sql`${t.claimantType} in (${inList(CLAIMANT_TYPES)})`),
    check("claims_version_check", sql`${t.version} >= 1`),
    check(
      "claims_appearance_url_check",
      sql`${t.appearanceUrl} is null or (${t.appearanceUrl} ~* '^https?://' and length(${t.appearanceUrl}) <= 2048)`,
    ),
    check(
      "claims_recheck_outcome_check",
      sql`${t.lastRecheckOutcome} is null or ${t.lastRecheckOutcome} in ('unchanged', 'corrected')`,
    ),
    check("claims_submitted_check", sql`${t.status} not in ('in_review', 'approved') or ${t.submittedAt} is not null`),
    check(
      "claims_approved_check",
      sql`${t.status} <> 'approved' or (${t.approvedBy} is not null and ${t.approvedVersion} = ${t.version})`,
    ),
    index("claims_article_idx").on(t.articleId, t.startCp),
    // Keyset pagination of the review queue: oldest submission first.
    index("claims_queue_idx")
      .on(t.submittedAt, t.id)
      .where(sql`${t.status} = 'in_review'`),
    // "My work": an editor's claims per status, counted, and the latest few of each.
    index("claims_created_by_status_idx").on(t.createdBy, t.status, t.updatedAt),
    // "My work": an editor's claims whose text changed under them (docs/anchoring.md), latest first.
    index("claims_created_by_text_changed_idx")
      .on(t.createdBy, t.updatedAt)
      .where(sql`${t.anchorState} in ('changed', 'ambiguous', 'orphaned')`),
    // The queue's "assigned to me" and per-article filters, same order as the queue itself.
    index("claims_queue_assignee_idx")
      .on(t.assignedReviewerId, t.submittedAt, t.id)
      .where(sql`${t.status} = 'in_review'`),
    // The "Due for re-check" list, keyset-paged by due date.
    index("claims_recheck_due_idx")
      .on(t.recheckDueAt, t.id)
      .where(sql`${t.recheckDueAt} is not null`),
    // The daily job: approved claims whose date has passed and are not yet marked.
    index("claims_recheck_by_idx")
      .on(t.recheckBy)
      .where(sql`${t.recheckDueAt} is null and ${t.recheckBy} is not null`),
    index("claims_queue_article_idx")
      .on(t.articleId, t.submittedAt, t.id)
      .where(sql`${t.status} = 'in_review'`),
    // The queue's verdict and editor filters: without these a filter that matches few or no claims
    // walks the whole in-review part of claims_queue_idx (about 190 ms at 1,000,000 claims).
    index("claims_queue_verdict_idx")
      .on(t.verdict, t.submittedAt, t.id)
      .where(sql`${t.status} = 'in_review'`),
    index("claims_queue_editor_idx")
      .on(t.createdBy, t.submittedAt, t.id)
      .where(sql`${t.status} = 'in_review'`),
    // The dashboard (lib/dashboard/): claims marked, submitted and approved per week, read as
    // date-bounded ranges; without these each chart reads every claim.
    index("claims_created_at_idx").on(t.createdAt),
    index("claims_submitted_at_idx")
      .on(t.submittedAt)
      .where(sql`${t.submittedAt} is not null`),
    // Holds submitted_at and verdict too: time to approval and the verdict mix read it index-only.
    index("claims_approved_at_idx")
      .on(t.approvedAt, t.submittedAt, t.verdict)
      .where(sql`${t.approvedAt} is not null`),
  ],
);

export const sources = pgTable(
  "sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    title: text("title").notNull(),
    publisher: text("publisher"),
    quote: text("quote"),
    accessedAt: date("accessed_at", { mode: "string" }),
    kind: text("kind", { enum: SOURCE_KINDS }).notNull().default("secondary"),
    /** Never exported or published: naming it could endanger someone (IFCN principles). */
    internal: boolean("internal").notNull().default(false),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    searchFigures: text("search_figures").notNull().default(""),
    /** Title, publisher and the words of the URL ("https://www.ons.gov.uk/x" → "https www ons gov uk x"). */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('english'::regconfig, title || ' ' || coalesce(publisher, '') || ' ' || regexp_replace(url, '[^[:alnum:]]+', ' ', 'g')) || to_tsvector('simple'::regconfig, search_figures)`,
      ),
  },
  (t) => [
    index("sources_search_idx").using("gin", t.searchVector),
    check("sources_url_check", sql`${t.url} ~* '^https?://' and length(${t.url}) <= 2048`),
    check("sources_title_check", sql`length(${t.title}) between 1 and 500`),
    check("sources_kind_check", sql`${t.kind} in (${inList(SOURCE_KINDS)})`),
    index("sources_claim_idx").on(t.claimId),
  ],
);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    /** The claim version this decision is pinned to. */
    claimVersion: integer("claim_version").notNull(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    reason: text("reason"),
    /** Snapshot of what was approved: the revision and the text under the claim then. */
    revisionId: uuid("revision_id").references(() => articleRevisions.id),
    approvedText: text("approved_text"),
    verdict: text("verdict", { enum: VERDICTS }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("reviews_decision_check", sql`${t.decision} in (${inList(REVIEW_DECISIONS)})`),
    check("reviews_reason_check", sql`${t.decision} <> 'request_changes' or length(trim(coalesce(${t.reason}, ''))) > 0`),
    // At most one decision per claim version: concurrent approvals of one version cannot both land.
    uniqueIndex("reviews_claim_version_key").on(t.claimId, t.claimVersion),
    index("reviews_claim_at_idx").on(t.claimId, t.at),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    check("comments_body_check", sql`length(${t.body}) between 1 and 10000`),
    index("comments_claim_idx").on(t.claimId, t.createdAt),
  ],
);

/** A published report is a snapshot; each republish adds a version and keeps the earlier ones. */
export const reportPublications = pgTable(
  "report_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    slug: text("slug").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    publishedBy: uuid("published_by")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    unpublishedAt: timestamp("unpublished_at", { withTimezone: true }),
    unpublishedBy: uuid("unpublished_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("report_publications_article_version_key").on(t.articleId, t.version),
    index("report_publications_slug_idx").on(t.slug, t.version),
  ],
);

/**
 * Append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). Written in the same
 * transaction as the change it records.
 *
 * The table also has `xact_id xid8` (the writing transaction, by default; migration
 * 0027_live_outbox), read only by the live-update reader (lib/live/audit-outbox.ts) with raw SQL.
 * It is not declared here so that the rows the app selects do not carry it.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    /** e.g. "claim.update", "user.disable", "auth.login_failed", "access.denied". */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    meta: jsonb("meta"),
    /** The API token the actor acted through, when it was not a signed-in browser session. */
    tokenId: uuid("token_id"),
  },
  (t) => [index("audit_events_target_idx").on(t.targetType, t.targetId, t.id), index("audit_events_at_idx").on(t.at)],
);

export type ClaimRow = typeof claims.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
