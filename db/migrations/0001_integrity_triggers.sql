-- Hand-written integrity rules that no application code path can bypass.

-- 1. The audit trail is append-only (SECURITY.md, "Integrity of the record").
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'FC002';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint

-- 2. Four-eyes rule: whoever created a claim, or changed its verdict, statement, rationale or
-- sources since the last approval, cannot approve it. Checked on the review row and on the
-- claim's own approval columns, so a direct INSERT or UPDATE is refused as well.
CREATE OR REPLACE FUNCTION reviews_four_eyes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  IF NEW.decision <> 'approve' THEN
    RETURN NEW;
  END IF;
  SELECT created_by, editors_since_approval INTO c FROM claims WHERE id = NEW.claim_id;
  IF c.created_by = NEW.reviewer_id OR NEW.reviewer_id = ANY (c.editors_since_approval) THEN
    RAISE EXCEPTION 'four-eyes rule: the reviewer created or edited this claim'
      USING ERRCODE = 'FC001';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reviews_four_eyes_check
  BEFORE INSERT OR UPDATE ON reviews
  FOR EACH ROW EXECUTE FUNCTION reviews_four_eyes();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claims_four_eyes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'approved' AND NEW.approved_by IS NOT NULL AND (
       NEW.approved_by = NEW.created_by
       OR NEW.approved_by = ANY (NEW.editors_since_approval)
     ) THEN
    RAISE EXCEPTION 'four-eyes rule: the approver created or edited this claim'
      USING ERRCODE = 'FC001';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_four_eyes_check
  BEFORE INSERT OR UPDATE ON claims
  FOR EACH ROW EXECUTE FUNCTION claims_four_eyes();
