CREATE TABLE "group_feed" (
	"group_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "group_feed_pk" PRIMARY KEY("group_id","created_at","event_id")
);
--> statement-breakpoint
CREATE TABLE "backfills" (
	"name" text PRIMARY KEY NOT NULL,
	"cursor" uuid,
	"started_at" timestamp (3) with time zone,
	"done_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "group_feed_event_idx" ON "group_feed" USING btree ("event_id");--> statement-breakpoint
-- The migrations' own bookkeeping: the app's role never reads it.
REVOKE ALL ON backfills FROM cohort_app;--> statement-breakpoint
-- Row-level security as every tenant table (migration 0021).
ALTER TABLE group_feed ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE group_feed FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_wall ON group_feed
  USING (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid))
  WITH CHECK (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid));--> statement-breakpoint

-- The feed rows of one event: praise in its own group; a learning event in each group of its company on
-- its course whose ledger's latest row for the learner at or before the event is an "added" (what the
-- feed's read walked for every page before: "events on the course by people while they were members").
-- The one definition the insert trigger, a course's relinking and the backfill (db/backfills.ts) use; a
-- single SELECT in SQL, so the planner inlines it into each of them.
CREATE FUNCTION group_feed_rows(e activity_events)
RETURNS TABLE (group_id uuid, company_id uuid, created_at timestamptz, event_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT e.group_id, e.company_id, e.created_at, e.id WHERE e.group_id IS NOT NULL
  UNION ALL
  SELECT g.id, e.company_id, e.created_at, e.id
  FROM (SELECT DISTINCT ON (m.group_id) m.group_id, m.kind FROM membership_events m
        WHERE m.user_id = e.user_id AND m.company_id = e.company_id AND m.at <= e.created_at
        ORDER BY m.group_id, m.at DESC, m.id DESC) latest
  JOIN learning_groups g ON g.id = latest.group_id AND g.company_id = e.company_id AND g.course_id = e.course_id
  WHERE e.group_id IS NULL AND latest.kind = 'added'
$$;--> statement-breakpoint

-- Set-based, so a statement inserting a million events (an import, the bench's data) fans out in one pass.
CREATE FUNCTION activity_events_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO group_feed (group_id, company_id, created_at, event_id)
  SELECT r.* FROM new_events e CROSS JOIN LATERAL group_feed_rows(e) r
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER activity_events_fan_out AFTER INSERT ON activity_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION activity_events_fan_out();--> statement-breakpoint

-- An event deleted (its person's, its course's, a praise message's) leaves every feed.
CREATE FUNCTION activity_events_unfan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM group_feed f USING old_events e WHERE f.event_id = e.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER activity_events_unfan AFTER DELETE ON activity_events
  REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION activity_events_unfan();--> statement-breakpoint

-- A group deleted takes its feed (its praise events go by their message's cascade, the rest stay the learner's).
CREATE FUNCTION learning_groups_delete_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM group_feed f USING deleted_groups g WHERE f.group_id = g.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER learning_groups_delete_feed AFTER DELETE ON learning_groups
  REFERENCING OLD TABLE AS deleted_groups FOR EACH STATEMENT EXECUTE FUNCTION learning_groups_delete_feed();--> statement-breakpoint

-- A group's learning rows rebuilt from the ledger, its praise kept: what a group linked to another
-- course (or to none) shows, that course's events by people while they were members; and what a ledger
-- written after the history it spans needs (the demo seed's). Its cost is the group's people's events
-- on the course: an admin's rare edit.
CREATE FUNCTION group_feed_rebuild(p_group uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  g learning_groups;
BEGIN
  SELECT * INTO g FROM learning_groups WHERE id = p_group;
  DELETE FROM group_feed f USING activity_events e
  WHERE f.group_id = p_group AND e.id = f.event_id AND e.group_id IS NULL;
  IF g.course_id IS NOT NULL THEN
    INSERT INTO group_feed (group_id, company_id, created_at, event_id)
    SELECT r.*
    FROM (SELECT DISTINCT m.user_id FROM membership_events m WHERE m.company_id = g.company_id AND m.group_id = p_group) people
    JOIN activity_events e ON e.user_id = people.user_id AND e.company_id = g.company_id AND e.course_id = g.course_id
    CROSS JOIN LATERAL group_feed_rows(e) r
    WHERE r.group_id = p_group
    ON CONFLICT DO NOTHING;
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION learning_groups_relink_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM group_feed_rebuild(NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER learning_groups_relink_feed AFTER UPDATE OF course_id ON learning_groups
  FOR EACH ROW WHEN (OLD.course_id IS DISTINCT FROM NEW.course_id) EXECUTE FUNCTION learning_groups_relink_feed();--> statement-breakpoint

-- The events written before this migration enter the feeds by the backfill "group_feed" (db/backfills.ts),
-- in batches after the migration; those written after it, by the trigger above.
INSERT INTO backfills (name) VALUES ('group_feed');
