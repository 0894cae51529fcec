-- The queue counters' statement trigger on claims (0004) ran its whole aggregate, and planned the
-- upsert of claim_queue_counters_apply (an SQL function: planned at every call), after every UPDATE
-- of claims, although most updates leave the queue as it was: an edit of a claim's text, verdict or
-- rationale (the desk's busiest write, issue 13) neither moves a claim into or out of review nor
-- changes its assignee. It cost about as much as the UPDATE itself (EXPLAIN ANALYZE, PostgreSQL 15:
-- 0.09–0.10 ms median per single-row UPDATE against 0.015 ms for the check below).
--
-- Now the trigger first pairs the old and new rows by id and returns at once when no pair entered
-- or left review or changed assignee while in review: then every bucket's delta is 0, and 0004's
-- aggregate would have written nothing. A row without a partner (an UPDATE that changed an id) is
-- counted the full way. Still one statement-level trigger with transition tables, so a bulk UPDATE
-- still costs one aggregate. (A row-level trigger with a WHEN clause would not fire at all, but
-- would upsert the same counter rows once per row in a bulk change: quadratic in one transaction.)
CREATE OR REPLACE FUNCTION claims_queue_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
    WHERE o.id IS NULL OR n.id IS NULL
       OR ((o.status = 'in_review' OR n.status = 'in_review')
           AND (o.status IS DISTINCT FROM n.status OR o.assigned_reviewer_id IS DISTINCT FROM n.assigned_reviewer_id))
  ) THEN
    RETURN NULL;
  END IF;
  PERFORM claim_queue_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('bucket', bucket, 'n', n)) FROM (
      SELECT bucket, sum(delta) AS n FROM (
        SELECT 'waiting' AS bucket, -1 AS delta FROM old_rows WHERE status = 'in_review'
        UNION ALL
        SELECT assigned_reviewer_id::text, -1 FROM old_rows WHERE status = 'in_review' AND assigned_reviewer_id IS NOT NULL
        UNION ALL
        SELECT 'waiting', 1 FROM new_rows WHERE status = 'in_review'
        UNION ALL
        SELECT assigned_reviewer_id::text, 1 FROM new_rows WHERE status = 'in_review' AND assigned_reviewer_id IS NOT NULL
      ) b GROUP BY bucket
    ) g), '[]'::jsonb));
  RETURN NULL;
END $$;
