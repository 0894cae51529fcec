-- Keeps claim_queue_counters (db/schema/queue-counters.ts) equal to the claims in review, per
-- statement, from the transition tables: a bulk insert of a million claims costs one aggregate,
-- not a million counter updates. Rows whose in-review state and assignee did not change add
-- nothing. TRUNCATE of claims empties the counters. One transaction always adds to the same shard
-- (its transaction id modulo 16) and takes the rows in bucket order, so two transactions cannot
-- wait on each other's counter rows in a cycle within one statement.
CREATE FUNCTION claim_queue_counters_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO claim_queue_counters (bucket, shard, n)
  SELECT d.bucket, (txid_current() % 16)::smallint, d.n
  FROM jsonb_to_recordset(deltas) AS d(bucket text, n bigint)
  WHERE d.n <> 0
  ORDER BY d.bucket
  ON CONFLICT (bucket, shard) DO UPDATE SET n = claim_queue_counters.n + excluded.n
$$;
--> statement-breakpoint
CREATE FUNCTION claims_queue_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_queue_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('bucket', bucket, 'n', n)) FROM (
      SELECT bucket, count(*) AS n FROM (
        SELECT 'waiting' AS bucket FROM new_rows WHERE status = 'in_review'
        UNION ALL
        SELECT assigned_reviewer_id::text FROM new_rows WHERE status = 'in_review' AND assigned_reviewer_id IS NOT NULL
      ) b GROUP BY bucket
    ) g), '[]'::jsonb));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION claims_queue_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_queue_counters_apply(coalesce((
    SELECT jsonb_agg(jsonb_build_object('bucket', bucket, 'n', -n)) FROM (
      SELECT bucket, count(*) AS n FROM (
        SELECT 'waiting' AS bucket FROM old_rows WHERE status = 'in_review'
        UNION ALL
        SELECT assigned_reviewer_id::text FROM old_rows WHERE status = 'in_review' AND assigned_reviewer_id IS NOT NULL
      ) b GROUP BY bucket
    ) g), '[]'::jsonb));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION claims_queue_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
--> statement-breakpoint
CREATE FUNCTION claims_queue_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM claim_queue_counters WHERE true;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_queue_count_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claims_queue_count_insert();
--> statement-breakpoint
CREATE TRIGGER claims_queue_count_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claims_queue_count_update();
--> statement-breakpoint
CREATE TRIGGER claims_queue_count_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claims_queue_count_delete();
--> statement-breakpoint
CREATE TRIGGER claims_queue_count_truncate AFTER TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION claims_queue_count_truncate();
--> statement-breakpoint
INSERT INTO claim_queue_counters (bucket, shard, n)
SELECT bucket, 0, count(*) FROM (
  SELECT 'waiting' AS bucket FROM claims WHERE status = 'in_review'
  UNION ALL
  SELECT assigned_reviewer_id::text FROM claims WHERE status = 'in_review' AND assigned_reviewer_id IS NOT NULL
) b GROUP BY bucket;
