ALTER TABLE "departments" ADD COLUMN "active_people" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "figure_drift" ADD COLUMN "departments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint

-- Each department's count of its active people follows every statement on users, from the rows it
-- changed: active people with a department that came count +1, those that went -1 (an update is
-- both: a move, a deactivation, a reactivation), summed per department. Departments are locked in id
-- order, so two statements moving the same departments cannot deadlock; `FOR NO KEY UPDATE` leaves
-- the key-share locks of the users' foreign key free. A department already gone (deleted with its
-- company, or by the merge that moved its people) has nothing left to count. An update that touches
-- neither column (a name, a sign-in) sums to nothing and writes nothing.
CREATE FUNCTION users_department_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of text := 'SELECT department_id, %s AS sign FROM %I WHERE department_id IS NOT NULL AND deactivated_at IS NULL';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format(rows_of, 1, 'new_users')
    WHEN 'DELETE' THEN format(rows_of, -1, 'old_users')
    ELSE format(rows_of, 1, 'new_users') || ' UNION ALL ' || format(rows_of, -1, 'old_users') END;
BEGIN
  EXECUTE format($sql$
    WITH delta AS (
      SELECT department_id, sum(sign)::int AS n FROM (%s) changed GROUP BY 1 HAVING sum(sign) <> 0
    ),
    locked AS MATERIALIZED (
      SELECT d.id, delta.n FROM departments d JOIN delta ON delta.department_id = d.id
      ORDER BY d.id
      FOR NO KEY UPDATE OF d
    )
    UPDATE departments d SET active_people = d.active_people + l.n FROM locked l WHERE d.id = l.id
  $sql$, changed);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER users_department_counts_added AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION users_department_counts();--> statement-breakpoint
CREATE TRIGGER users_department_counts_removed AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_users FOR EACH STATEMENT EXECUTE FUNCTION users_department_counts();--> statement-breakpoint
CREATE TRIGGER users_department_counts_changed AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION users_department_counts();--> statement-breakpoint

-- The counts of the people there are, in this migration's transaction: creating the triggers locked
-- users against writes until it commits, so no person changes between the count and the triggers
-- taking over (as for the assignments' counts, migration 0029). One pass over users.
UPDATE departments d SET active_people = c.n
FROM (SELECT department_id, count(*)::int AS n FROM users WHERE department_id IS NOT NULL AND deactivated_at IS NULL GROUP BY 1) c
WHERE d.id = c.department_id;
