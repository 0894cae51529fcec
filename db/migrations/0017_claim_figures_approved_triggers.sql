-- claim_figures.claim_approved mirrors claims.status = 'approved' (db/schema/figures.ts), so the
-- cross-desk figure check reads approved claims' figures from partial indexes alone. A figure row
-- takes its claim's state when written; a claim's change of status is copied to its figures in the
-- same transaction.
CREATE FUNCTION claim_figures_set_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.claim_approved := EXISTS (SELECT 1 FROM claims WHERE id = NEW.claim_id AND status = 'approved');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER claim_figures_approved_on_write BEFORE INSERT OR UPDATE OF claim_id ON claim_figures
  FOR EACH ROW EXECUTE FUNCTION claim_figures_set_approved();
--> statement-breakpoint
CREATE FUNCTION claims_copy_approved_to_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE claim_figures SET claim_approved = (NEW.status = 'approved')
  WHERE claim_id = NEW.id AND claim_approved IS DISTINCT FROM (NEW.status = 'approved');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_approved_to_figures AFTER UPDATE OF status ON claims
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION claims_copy_approved_to_figures();
--> statement-breakpoint
UPDATE claim_figures f SET claim_approved = true FROM claims c WHERE c.id = f.claim_id AND c.status = 'approved';
