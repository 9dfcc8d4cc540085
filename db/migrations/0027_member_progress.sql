CREATE TABLE "figure_drift" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"found_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"copies" integer NOT NULL,
	"groups" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "backfills" ALTER COLUMN "cursor" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "group_figures" ADD COLUMN "percent_sum" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "group_figures" ADD COLUMN "done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "group_figures" ADD COLUMN "halfway" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "group_figures" ADD COLUMN "histogram" integer[] DEFAULT array_fill(0, array[11]) NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "lessons_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "score" integer;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "last_activity_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "completed_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "group_members_group_progress_idx" ON "group_members" USING btree ("group_id","lessons_done","sort_name","user_id");--> statement-breakpoint
CREATE INDEX "group_members_group_score_idx" ON "group_members" USING btree ("group_id","score","sort_name","user_id") WHERE "group_members"."score" is not null;--> statement-breakpoint
CREATE INDEX "group_members_group_activity_idx" ON "group_members" USING btree ("group_id","last_activity_at","sort_name","user_id") WHERE "group_members"."last_activity_at" is not null;--> statement-breakpoint
ALTER TABLE "group_figures" ADD CONSTRAINT "group_figures_histogram_check" CHECK (cardinality("group_figures"."histogram") = 11);--> statement-breakpoint
-- Until the backfill below has run, every member's copy is zeros, and the figures say so: all of a
-- group's members in the first band. The triggers then move each copy and its group's figures together.
UPDATE group_figures SET histogram = array[members] || array_fill(0, array[10]);--> statement-breakpoint

-- The one way a member row's copy of progress is set: for the memberships (group, person) given, from
-- the person's progress in the group's course, zeros and nulls without one. Rows already equal are not
-- written, so a caller may pass more than changed; answers how many were.
CREATE FUNCTION group_members_copy_progress(p_groups uuid[], p_users uuid[]) RETURNS integer LANGUAGE sql AS $$
  WITH copied AS (
    UPDATE group_members m
    SET lessons_done = coalesce(p.lessons_done, 0), percent = coalesce(p.percent, 0), score = p.score,
        last_activity_at = p.last_activity_at, completed_at = p.completed_at
    FROM unnest(p_groups, p_users) k(group_id, user_id)
    JOIN learning_groups g ON g.id = k.group_id
    LEFT JOIN course_progress p ON p.user_id = k.user_id AND p.course_id = g.course_id
    WHERE m.group_id = k.group_id AND m.user_id = k.user_id
      AND (m.lessons_done, m.percent, m.score, m.last_activity_at, m.completed_at)
          IS DISTINCT FROM (coalesce(p.lessons_done, 0), coalesce(p.percent, 0), p.score, p.last_activity_at, p.completed_at)
    RETURNING 1
  )
  SELECT count(*)::int FROM copied
$$;--> statement-breakpoint

-- A group's figures counted from its members' rows, as the triggers below keep them: the daily check
-- compares (lib/statistics/figures.ts) and the repair writes these. Bands are tenths, 100 % its own.
CREATE FUNCTION group_figures_counted(p_groups uuid[])
RETURNS TABLE (group_id uuid, members integer, percent_sum bigint, done integer, halfway integer, histogram integer[])
LANGUAGE sql STABLE AS $$
  WITH banded AS (
    SELECT m.group_id, least(m.percent / 10, 10) AS band, count(*) AS members, sum(m.percent) AS percent_sum,
           count(*) FILTER (WHERE m.completed_at IS NOT NULL) AS done,
           count(*) FILTER (WHERE m.completed_at IS NULL AND m.lessons_done > 0) AS halfway
    FROM group_members m WHERE m.group_id = ANY (p_groups) GROUP BY 1, 2
  )
  SELECT g.id, coalesce(sum(b.members), 0)::int, coalesce(sum(b.percent_sum), 0)::bigint,
         coalesce(sum(b.done), 0)::int, coalesce(sum(b.halfway), 0)::int,
         array_agg(coalesce(b.members, 0)::int ORDER BY band.n)
  FROM unnest(p_groups) g(id) CROSS JOIN generate_series(0, 10) band(n)
  LEFT JOIN banded b ON b.group_id = g.id AND b.band = band.n
  GROUP BY g.id
$$;--> statement-breakpoint

-- The repair of groups found drifted: their figures rows locked first (in group order, as the trigger
-- does), then counted in a statement of its own, so what a membership write committed meanwhile is in
-- the count and what one still holds waits for this lock before it adds its own change.
CREATE FUNCTION group_figures_recount(p_groups uuid[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  repaired integer;
BEGIN
  PERFORM 1 FROM group_figures f WHERE f.group_id = ANY (p_groups) ORDER BY f.group_id FOR NO KEY UPDATE;
  WITH written AS (
    UPDATE group_figures f
    SET members = c.members, percent_sum = c.percent_sum, done = c.done, halfway = c.halfway, histogram = c.histogram
    FROM group_figures_counted(p_groups) c
    WHERE f.group_id = c.group_id
      AND (f.members, f.percent_sum, f.done, f.halfway, f.histogram) IS DISTINCT FROM (c.members, c.percent_sum, c.done, c.halfway, c.histogram)
    RETURNING 1
  )
  SELECT count(*) INTO repaired FROM written;
  RETURN repaired;
END $$;--> statement-breakpoint

-- Progress that changes reaches the learner's memberships in groups on that course (a completion finds
-- a handful); set-based, so an import of a thousand learners' progress is one update.
CREATE FUNCTION course_progress_copy_to_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM group_members_copy_progress(array_agg(m.group_id), array_agg(m.user_id))
  FROM changed_progress p
  JOIN group_members m ON m.user_id = p.user_id
  JOIN learning_groups g ON g.id = m.group_id AND g.course_id = p.course_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER course_progress_copy_inserted AFTER INSERT ON course_progress
  REFERENCING NEW TABLE AS changed_progress FOR EACH STATEMENT EXECUTE FUNCTION course_progress_copy_to_members();--> statement-breakpoint
CREATE TRIGGER course_progress_copy_updated AFTER UPDATE ON course_progress
  REFERENCING NEW TABLE AS changed_progress FOR EACH STATEMENT EXECUTE FUNCTION course_progress_copy_to_members();--> statement-breakpoint

-- A new member brings their progress: only those who have some in the group's course are written
-- again, so adding people who have not started costs one join.
CREATE FUNCTION group_members_copy_on_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM group_members_copy_progress(array_agg(n.group_id), array_agg(n.user_id))
  FROM added_members n
  JOIN learning_groups g ON g.id = n.group_id
  JOIN course_progress p ON p.user_id = n.user_id AND p.course_id = g.course_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER group_members_copy_on_add AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS added_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_copy_on_add();--> statement-breakpoint

-- A group linked to another course (or to none, its course deleted) takes its members' progress in it.
CREATE FUNCTION learning_groups_relink_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM group_members_copy_progress(array_agg(m.group_id), array_agg(m.user_id))
  FROM group_members m WHERE m.group_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER learning_groups_relink_progress AFTER UPDATE OF course_id ON learning_groups
  FOR EACH ROW WHEN (OLD.course_id IS DISTINCT FROM NEW.course_id) EXECUTE FUNCTION learning_groups_relink_progress();--> statement-breakpoint

-- The figures follow every statement on group_members, from the rows it changed: rows that came count
-- +1, rows that went -1 (an update is both), summed per group; a statement that moved no figure (a
-- rename's sort name) writes nothing. Rows are locked in group order, so two completions reaching the
-- same groups cannot deadlock. One function for the three events; the transition tables differ by name.
CREATE FUNCTION group_members_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of text := 'SELECT group_id, %s AS sign, percent, lessons_done, completed_at FROM %I';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format(rows_of, 1, 'new_members')
    WHEN 'DELETE' THEN format(rows_of, -1, 'old_members')
    ELSE format(rows_of, 1, 'new_members') || ' UNION ALL ' || format(rows_of, -1, 'old_members') END;
BEGIN
  EXECUTE format($sql$
    WITH changed AS (%s),
    banded AS (
      SELECT group_id, least(percent / 10, 10) AS band, sum(sign) AS members, sum(sign * percent) AS percent_sum,
             coalesce(sum(sign) FILTER (WHERE completed_at IS NOT NULL), 0) AS done,
             coalesce(sum(sign) FILTER (WHERE completed_at IS NULL AND lessons_done > 0), 0) AS halfway
      FROM changed GROUP BY 1, 2
    ),
    delta AS (
      SELECT g.id AS group_id, coalesce(sum(b.members), 0)::int AS members, coalesce(sum(b.percent_sum), 0)::bigint AS percent_sum,
             coalesce(sum(b.done), 0)::int AS done, coalesce(sum(b.halfway), 0)::int AS halfway,
             array_agg(coalesce(b.members, 0)::int ORDER BY band.n) AS histogram
      FROM (SELECT DISTINCT group_id AS id FROM banded) g CROSS JOIN generate_series(0, 10) band(n)
      LEFT JOIN banded b ON b.group_id = g.id AND b.band = band.n
      GROUP BY g.id
    ),
    moved AS (SELECT * FROM delta WHERE histogram <> array_fill(0, array[11]) OR percent_sum <> 0 OR done <> 0 OR halfway <> 0),
    locked AS MATERIALIZED (
      SELECT f.group_id FROM group_figures f WHERE f.group_id IN (SELECT group_id FROM moved)
      ORDER BY f.group_id FOR NO KEY UPDATE
    )
    UPDATE group_figures f
    SET members = f.members + d.members, percent_sum = f.percent_sum + d.percent_sum,
        done = f.done + d.done, halfway = f.halfway + d.halfway,
        histogram = array(SELECT f.histogram[i] + d.histogram[i] FROM generate_series(1, 11) i ORDER BY i)
    FROM moved d JOIN locked USING (group_id)
    WHERE f.group_id = d.group_id
  $sql$, changed);
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER group_members_count_added ON group_members;--> statement-breakpoint
DROP TRIGGER group_members_count_removed ON group_members;--> statement-breakpoint
DROP FUNCTION group_members_count_added();--> statement-breakpoint
DROP FUNCTION group_members_count_removed();--> statement-breakpoint
CREATE TRIGGER group_members_figures_added AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS new_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_figures();--> statement-breakpoint
CREATE TRIGGER group_members_figures_removed AFTER DELETE ON group_members
  REFERENCING OLD TABLE AS old_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_figures();--> statement-breakpoint
CREATE TRIGGER group_members_figures_changed AFTER UPDATE ON group_members
  REFERENCING OLD TABLE AS old_members NEW TABLE AS new_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_figures();--> statement-breakpoint

-- Existing memberships take their progress after the migrations, in batches (db/backfills.ts).
INSERT INTO backfills (name) VALUES ('group_member_progress');
