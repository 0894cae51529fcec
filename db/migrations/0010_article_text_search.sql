ALTER TABLE "articles" ADD COLUMN "text_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "articles_text_search_idx" ON "articles" USING gin ("text_vector");--> statement-breakpoint
-- Hand-written: an article's text_vector is its current revision's search_vector. Revisions are
-- never changed after insert (lib/articles/create-revision.ts), so copying on each change of
-- current_revision_id keeps the two equal.
CREATE OR REPLACE FUNCTION articles_copy_text_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.text_vector := coalesce((SELECT r.search_vector FROM article_revisions r WHERE r.id = NEW.current_revision_id), ''::tsvector);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER articles_copy_text_vector BEFORE INSERT OR UPDATE OF current_revision_id ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_copy_text_vector();--> statement-breakpoint
UPDATE articles a SET text_vector = r.search_vector FROM article_revisions r WHERE r.id = a.current_revision_id;
