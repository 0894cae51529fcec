CREATE TABLE "claim_queue_counters" (
	"bucket" text NOT NULL,
	"shard" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "claim_queue_counters_bucket_shard_pk" PRIMARY KEY("bucket","shard")
);
--> statement-breakpoint
CREATE INDEX "claims_queue_verdict_idx" ON "claims" USING btree ("verdict","submitted_at","id") WHERE "claims"."status" = 'in_review';--> statement-breakpoint
CREATE INDEX "claims_queue_editor_idx" ON "claims" USING btree ("created_by","submitted_at","id") WHERE "claims"."status" = 'in_review';