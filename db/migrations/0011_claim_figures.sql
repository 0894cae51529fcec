CREATE TABLE "claim_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"value" double precision NOT NULL,
	"scale" double precision DEFAULT 1 NOT NULL,
	"unit" text,
	"unit_kind" text NOT NULL,
	"currency" text,
	"qualifier" text,
	"approximate" boolean DEFAULT false NOT NULL,
	"period" text,
	"place" text,
	"subject" text,
	"subject_key" text,
	"base_unit" text,
	"amount" double precision NOT NULL,
	"low" double precision,
	"high" double precision,
	"override" boolean DEFAULT false NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone,
	CONSTRAINT "claim_figures_origin_check" CHECK ("claim_figures"."origin" in ('text', 'statement')),
	CONSTRAINT "claim_figures_unit_kind_check" CHECK ("claim_figures"."unit_kind" in ('percent', 'percentage-points', 'currency', 'count', 'measure', 'multiplier', 'none')),
	CONSTRAINT "claim_figures_qualifier_check" CHECK ("claim_figures"."qualifier" is null or "claim_figures"."qualifier" in ('at least', 'more than', 'about', 'nearly', 'up to', 'less than', 'exactly')),
	CONSTRAINT "claim_figures_text_check" CHECK (length("claim_figures"."text") between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "claim_figures" ADD CONSTRAINT "claim_figures_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_figures" ADD CONSTRAINT "claim_figures_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_figures_claim_idx" ON "claim_figures" USING btree ("claim_id","origin","position");--> statement-breakpoint
CREATE INDEX "claim_figures_subject_unit_idx" ON "claim_figures" USING btree ("subject_key","base_unit","claim_id") WHERE "claim_figures"."subject_key" is not null and "claim_figures"."base_unit" is not null;