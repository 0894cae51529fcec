CREATE TABLE "claim_match_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_match_links" (
	"claim_id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"score" real,
	"reasons" jsonb
);
--> statement-breakpoint
ALTER TABLE "article_revisions" ADD COLUMN "search_figures" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, left(body, 500000)) || to_tsvector('simple'::regconfig, search_figures)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search_figures" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title) || to_tsvector('simple'::regconfig, search_figures)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search_figures" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(claimant, '') || ' ' || statement), 'A') || setweight(to_tsvector('english'::regconfig, exact), 'B') || setweight(to_tsvector('english'::regconfig, rationale), 'C') || to_tsvector('simple'::regconfig, search_figures)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "search_figures" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title || ' ' || coalesce(publisher, '') || ' ' || regexp_replace(url, '[^[:alnum:]]+', ' ', 'g')) || to_tsvector('simple'::regconfig, search_figures)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_match_groups" ADD CONSTRAINT "claim_match_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_match_links" ADD CONSTRAINT "claim_match_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_match_links" ADD CONSTRAINT "claim_match_links_group_id_claim_match_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."claim_match_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_match_links" ADD CONSTRAINT "claim_match_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_match_links_group_idx" ON "claim_match_links" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "article_revisions_search_idx" ON "article_revisions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "sources_search_idx" ON "sources" USING gin ("search_vector");