-- Four-eyes rule judged by the row as it was (issue 14, hole 6). The trigger of 0001 read only the
-- NEW row: one UPDATE that approved as a barred editor and emptied editors_since_approval in the
-- same statement passed, and so did emptying the list first and approving in a second statement.
-- Now an approval is checked against the creator and the editors of both the old and the new row,
-- and the list may lose entries only in an approval (a new approved version) by someone else.
CREATE OR REPLACE FUNCTION claims_four_eyes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_approval boolean;
BEGIN
  IF NEW.status = 'approved' AND NEW.approved_by IS NOT NULL AND (
       NEW.approved_by = NEW.created_by
       OR NEW.approved_by = ANY (NEW.editors_since_approval)
       OR (TG_OP = 'UPDATE' AND (
             NEW.approved_by = OLD.created_by
             OR NEW.approved_by = ANY (OLD.editors_since_approval)))
     ) THEN
    RAISE EXCEPTION 'four-eyes rule: the approver created or edited this claim'
      USING ERRCODE = 'FC001';
  END IF;
  IF TG_OP = 'UPDATE' AND NOT (OLD.editors_since_approval <@ NEW.editors_since_approval) THEN
    new_approval := NEW.status = 'approved'
      AND NEW.approved_by IS NOT NULL
      AND (OLD.status IS DISTINCT FROM 'approved'
           OR OLD.approved_version IS DISTINCT FROM NEW.approved_version
           OR OLD.approved_by IS DISTINCT FROM NEW.approved_by);
    IF NOT new_approval THEN
      RAISE EXCEPTION 'four-eyes rule: the list of editors barred from approving is cleared only by an approval'
        USING ERRCODE = 'FC001';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
