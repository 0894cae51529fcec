-- pg_trgm: similarity of claimant names for search and claim matching (lib/search/trigram.ts).
-- Loaded on PostgreSQL (a trusted extension since PostgreSQL 13) and on PGlite (db/client.ts
-- passes its contrib build). Where it cannot be created the migration still succeeds: search then
-- falls back to substring matching (README, "Search").
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): name search falls back to substring matching', SQLERRM;
END
$$;--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX IF NOT EXISTS claims_claimant_trgm_idx ON claims USING gin (lower(claimant) gin_trgm_ops)';
  END IF;
END
$$;
