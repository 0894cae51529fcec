CREATE TABLE "article_viewers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_viewers" ADD CONSTRAINT "article_viewers_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_viewers" ADD CONSTRAINT "article_viewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_viewers_article_idx" ON "article_viewers" USING btree ("article_id","expires_at");--> statement-breakpoint
CREATE INDEX "article_viewers_expires_idx" ON "article_viewers" USING btree ("expires_at");