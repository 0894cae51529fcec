CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"success" boolean NOT NULL,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('editor', 'reviewer', 'admin')),
	CONSTRAINT "users_email_check" CHECK ("users"."email" like '%_@_%' and length("users"."email") <= 254),
	CONSTRAINT "users_name_check" CHECK (length("users"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "article_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"body_hash" text NOT NULL,
	"normalizer_version" integer NOT NULL,
	"source_format" text DEFAULT 'text' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_revisions_article_number_key" UNIQUE("article_id","number"),
	CONSTRAINT "article_revisions_number_check" CHECK ("article_revisions"."number" >= 1),
	CONSTRAINT "article_revisions_body_check" CHECK (length("article_revisions"."body") between 1 and 2000000),
	CONSTRAINT "article_revisions_format_check" CHECK ("article_revisions"."source_format" in ('text', 'markdown', 'html'))
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"url" text,
	"publisher" text,
	"author" text,
	"published_at" date,
	"current_revision_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_slug_unique" UNIQUE("slug"),
	CONSTRAINT "articles_title_check" CHECK (length("articles"."title") between 1 and 500),
	CONSTRAINT "articles_slug_check" CHECK ("articles"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "articles_url_check" CHECK ("articles"."url" is null or "articles"."url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"before" jsonb,
	"after" jsonb,
	"meta" jsonb
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"exact" text NOT NULL,
	"prefix" text DEFAULT '' NOT NULL,
	"suffix" text DEFAULT '' NOT NULL,
	"start_cp" integer NOT NULL,
	"end_cp" integer NOT NULL,
	"anchor_revision_id" uuid NOT NULL,
	"anchor_state" text DEFAULT 'anchored' NOT NULL,
	"anchor_text" text,
	"anchor_method" text,
	"anchor_score" real,
	"claimant" text,
	"claimant_type" text DEFAULT 'Person' NOT NULL,
	"statement" text NOT NULL,
	"claim_date" date,
	"claim_place" text,
	"appearance_url" text,
	"verdict" text DEFAULT 'unverified' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"editors_since_approval" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"assigned_reviewer_id" uuid,
	"submitted_at" timestamp with time zone,
	"approved_version" integer,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_offsets_check" CHECK ("claims"."start_cp" >= 0 and "claims"."end_cp" > "claims"."start_cp"),
	CONSTRAINT "claims_exact_check" CHECK (length("claims"."exact") between 1 and 5000),
	CONSTRAINT "claims_statement_check" CHECK (length("claims"."statement") between 1 and 1000),
	CONSTRAINT "claims_status_check" CHECK ("claims"."status" in ('draft', 'in_review', 'changes_requested', 'approved')),
	CONSTRAINT "claims_verdict_check" CHECK ("claims"."verdict" in ('unverified', 'verified', 'needs_context', 'misleading', 'disputed', 'false', 'unproven')),
	CONSTRAINT "claims_anchor_state_check" CHECK ("claims"."anchor_state" in ('anchored', 'relocated', 'changed', 'ambiguous', 'orphaned')),
	CONSTRAINT "claims_claimant_type_check" CHECK ("claims"."claimant_type" in ('Person', 'Organization')),
	CONSTRAINT "claims_version_check" CHECK ("claims"."version" >= 1),
	CONSTRAINT "claims_submitted_check" CHECK ("claims"."status" not in ('in_review', 'approved') or "claims"."submitted_at" is not null),
	CONSTRAINT "claims_approved_check" CHECK ("claims"."status" <> 'approved' or ("claims"."approved_by" is not null and "claims"."approved_version" = "claims"."version"))
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "comments_body_check" CHECK (length("comments"."body") between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "report_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"slug" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unpublished_at" timestamp with time zone,
	"unpublished_by" uuid
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"claim_version" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"revision_id" uuid,
	"approved_text" text,
	"verdict" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_decision_check" CHECK ("reviews"."decision" in ('approve', 'request_changes')),
	CONSTRAINT "reviews_reason_check" CHECK ("reviews"."decision" <> 'request_changes' or length(trim(coalesce("reviews"."reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"publisher" text,
	"quote" text,
	"accessed_at" date,
	"kind" text DEFAULT 'secondary' NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_url_check" CHECK ("sources"."url" ~* '^https?://' and length("sources"."url") <= 2048),
	CONSTRAINT "sources_title_check" CHECK (length("sources"."title") between 1 and 500),
	CONSTRAINT "sources_kind_check" CHECK ("sources"."kind" in ('primary', 'secondary'))
);
--> statement-breakpoint
ALTER TABLE "login_attempts" ADD CONSTRAINT "login_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_current_revision_id_article_revisions_id_fk" FOREIGN KEY ("current_revision_id") REFERENCES "public"."article_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_anchor_revision_id_article_revisions_id_fk" FOREIGN KEY ("anchor_revision_id") REFERENCES "public"."article_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_publications" ADD CONSTRAINT "report_publications_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_publications" ADD CONSTRAINT "report_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_publications" ADD CONSTRAINT "report_publications_unpublished_by_users_id_fk" FOREIGN KEY ("unpublished_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_revision_id_article_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."article_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "articles_created_at_idx" ON "articles" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "claims_article_idx" ON "claims" USING btree ("article_id","start_cp");--> statement-breakpoint
CREATE INDEX "claims_queue_idx" ON "claims" USING btree ("submitted_at","id") WHERE "claims"."status" = 'in_review';--> statement-breakpoint
CREATE INDEX "claims_created_by_status_idx" ON "claims" USING btree ("created_by","status");--> statement-breakpoint
CREATE INDEX "comments_claim_idx" ON "comments" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_publications_article_version_key" ON "report_publications" USING btree ("article_id","version");--> statement-breakpoint
CREATE INDEX "report_publications_slug_idx" ON "report_publications" USING btree ("slug","version");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_claim_version_key" ON "reviews" USING btree ("claim_id","claim_version");--> statement-breakpoint
CREATE INDEX "reviews_claim_at_idx" ON "reviews" USING btree ("claim_id","at");--> statement-breakpoint
CREATE INDEX "sources_claim_idx" ON "sources" USING btree ("claim_id");