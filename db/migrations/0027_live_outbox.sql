-- Live updates without NOTIFY on the write path (docs/live-updates.md, issue 13). PostgreSQL
-- serialises the commits of transactions that ran NOTIFY (a cluster-wide lock held through the
-- commit's WAL flush), and 0023 notified at every commit that wrote an audit row about a claim or
-- an article: the desk's busiest writes. Those rows are now read by each app instance from
-- audit_events itself, a few times a second (lib/live/audit-outbox.ts): the audit row that every
-- change already writes in its own transaction is the outbox, so a rolled-back change still
-- announces nothing and no use case has to remember to announce.
--
-- Rows commit out of id order (ids are taken at insert, rows become visible at commit), so the
-- reader's cursor is the writing transaction's id: xact_id, with a watermark below which no
-- transaction is still running (pg_snapshot_xmin of the reading statement's snapshot).
--
-- Added without rewriting the table: a nullable column (existing rows keep NULL: they are history,
-- nobody is waiting for them), then its default for new rows.
ALTER TABLE audit_events ADD COLUMN xact_id xid8;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN xact_id SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
-- What the reader scans: rows about claims and articles from the watermark on.
CREATE INDEX audit_events_live_idx ON audit_events (xact_id) WHERE target_type IN ('claim', 'article');
--> statement-breakpoint
-- Rare events keep NOTIFY, so that a stream ends at once: sign-out, a disabled or changed user, a
-- revoked token. The trigger is queued only for those rows (a constraint trigger's WHEN is checked
-- at insert), so a claim or article change no longer touches the notification queue.
CREATE OR REPLACE FUNCTION desk_live_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  payload jsonb;
BEGIN
  IF NEW.target_id IS NULL OR NEW.target_id !~* uuid_pattern THEN
    RETURN NULL;
  END IF;
  IF NEW.target_type = 'user' AND NEW.action IN ('auth.logout', 'user.disable', 'user.update') THEN
    payload := jsonb_build_object('type', 'user', 'action', NEW.action, 'userId', NEW.target_id);
  ELSIF NEW.target_type = 'api_token' AND NEW.action = 'token.revoke'
    AND coalesce(NEW.meta ->> 'userId', '') ~* uuid_pattern THEN
    -- The token's owner's streams are checked again; only those opened with this token fail.
    payload := jsonb_build_object('type', 'user', 'action', NEW.action, 'userId', NEW.meta ->> 'userId');
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pg_notify('desk_live', payload::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER audit_events_live_notify ON audit_events;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_live_notify
  AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (NEW.target_type IN ('user', 'api_token'))
  EXECUTE FUNCTION desk_live_notify();
