CREATE TABLE "desk_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"recheck_days" integer DEFAULT 180 NOT NULL,
	"recheck_moving_days" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_settings_singleton_check" CHECK ("desk_settings"."id" = 1),
	CONSTRAINT "desk_settings_recheck_check" CHECK ("desk_settings"."recheck_days" between 1 and 3650 and "desk_settings"."recheck_moving_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "source_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"url" text NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"final_url" text,
	"content_type" text,
	"title" text,
	"text_extract" text,
	"sha256" text,
	"bytes" integer DEFAULT 0 NOT NULL,
	"truncated" boolean DEFAULT false NOT NULL,
	"error" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_snapshots_outcome_check" CHECK ("source_snapshots"."outcome" in ('ok', 'http_error', 'refused', 'failed')),
	CONSTRAINT "source_snapshots_ok_check" CHECK ("source_snapshots"."outcome" <> 'ok' or "source_snapshots"."sha256" is not null)
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "recheck_by" date;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "recheck_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "last_rechecked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "last_recheck_outcome" text;--> statement-breakpoint
ALTER TABLE "desk_settings" ADD CONSTRAINT "desk_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_snapshots" ADD CONSTRAINT "source_snapshots_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_snapshots_source_idx" ON "source_snapshots" USING btree ("source_id","fetched_at");--> statement-breakpoint
CREATE INDEX "claims_recheck_due_idx" ON "claims" USING btree ("recheck_due_at","id") WHERE "claims"."recheck_due_at" is not null;--> statement-breakpoint
CREATE INDEX "claims_recheck_by_idx" ON "claims" USING btree ("recheck_by") WHERE "claims"."recheck_due_at" is null and "claims"."recheck_by" is not null;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_recheck_outcome_check" CHECK ("claims"."last_recheck_outcome" is null or "claims"."last_recheck_outcome" in ('unchanged', 'corrected'));