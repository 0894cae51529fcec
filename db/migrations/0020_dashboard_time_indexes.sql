CREATE INDEX "claims_created_at_idx" ON "claims" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "claims_submitted_at_idx" ON "claims" USING btree ("submitted_at") WHERE "claims"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "claims_approved_at_idx" ON "claims" USING btree ("approved_at","verdict") WHERE "claims"."approved_at" is not null;