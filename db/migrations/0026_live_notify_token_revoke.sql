-- Live updates (docs/live-updates.md): a revoked API token's streams end at once. 0023's function
-- announced sign-out, disabling and user changes; this adds `token.revoke` as a notice about the
-- token's owner, whose streams are then checked again (the 30-second re-check was the only way
-- before). The trigger itself is unchanged.
CREATE OR REPLACE FUNCTION desk_live_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  article uuid;
  item_version integer;
  revision_number integer;
  payload jsonb;
BEGIN
  IF NEW.target_id IS NULL OR NEW.action = 'access.denied' OR NEW.target_id !~* uuid_pattern THEN
    RETURN NULL;
  END IF;
  IF NEW.target_type = 'claim' THEN
    SELECT c.article_id, c.version INTO article, item_version FROM claims c WHERE c.id = NEW.target_id::uuid;
    -- A deleted claim: its audit row names the article.
    IF article IS NULL AND coalesce(NEW.meta ->> 'articleId', '') ~* uuid_pattern THEN
      article := (NEW.meta ->> 'articleId')::uuid;
    END IF;
    IF article IS NULL THEN
      RETURN NULL;
    END IF;
    payload := jsonb_build_object('type', 'claim', 'action', NEW.action, 'articleId', article,
      'claimId', NEW.target_id, 'claimVersion', item_version, 'actorId', NEW.actor_id);
  ELSIF NEW.target_type = 'article' THEN
    SELECT a.version, r.number INTO item_version, revision_number
      FROM articles a LEFT JOIN article_revisions r ON r.id = a.current_revision_id
      WHERE a.id = NEW.target_id::uuid;
    IF NOT FOUND THEN
      RETURN NULL;
    END IF;
    payload := jsonb_build_object('type', 'article', 'action', NEW.action, 'articleId', NEW.target_id,
      'articleVersion', item_version, 'revision', revision_number, 'actorId', NEW.actor_id);
  ELSIF NEW.target_type = 'user' AND NEW.action IN ('auth.logout', 'user.disable', 'user.update') THEN
    payload := jsonb_build_object('type', 'user', 'action', NEW.action, 'userId', NEW.target_id);
  ELSIF NEW.target_type = 'api_token' AND NEW.action = 'token.revoke'
    AND coalesce(NEW.meta ->> 'userId', '') ~* uuid_pattern THEN
    -- A revoked token's streams end at once, like a signed-out session's (the token's owner's
    -- streams are checked again; only those opened with this token fail the check).
    payload := jsonb_build_object('type', 'user', 'action', NEW.action, 'userId', NEW.meta ->> 'userId');
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pg_notify('desk_live', payload::text);
  RETURN NULL;
END $$;
