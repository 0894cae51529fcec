-- Rows saved before addresses were normalised (issue 14): a browser reads "http:evil.example/x" or
-- "https:/\evil.example" as "http(s)://…", so rewrite the scheme that way; anything still not an
-- http(s) address of at most 2,048 characters cannot be opened and is dropped.
UPDATE "articles" SET "url" = regexp_replace("url", '^\s*(https?):[\\/]*', '\1://', 'i') WHERE "url" !~* '^https?://';--> statement-breakpoint
UPDATE "articles" SET "url" = NULL WHERE "url" !~* '^https?://' OR length("url") > 2048;--> statement-breakpoint
UPDATE "claims" SET "appearance_url" = regexp_replace("appearance_url", '^\s*(https?):[\\/]*', '\1://', 'i') WHERE "appearance_url" !~* '^https?://';--> statement-breakpoint
UPDATE "claims" SET "appearance_url" = NULL WHERE "appearance_url" !~* '^https?://' OR length("appearance_url") > 2048;--> statement-breakpoint
ALTER TABLE "articles" DROP CONSTRAINT "articles_url_check";--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_url_check" CHECK ("articles"."url" is null or ("articles"."url" ~* '^https?://' and length("articles"."url") <= 2048));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_appearance_url_check" CHECK ("claims"."appearance_url" is null or ("claims"."appearance_url" ~* '^https?://' and length("claims"."appearance_url") <= 2048));