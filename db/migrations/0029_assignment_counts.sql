CREATE TABLE "assignment_counts" (
	"company_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"group_id" uuid,
	"status" "assignment_status" NOT NULL,
	"due_at" timestamp (3) with time zone,
	"assignments" integer NOT NULL,
	CONSTRAINT "assignment_counts_key_uq" UNIQUE NULLS NOT DISTINCT("company_id","course_id","group_id","status","due_at"),
	CONSTRAINT "assignment_counts_live_check" CHECK ("assignment_counts"."status" <> 'waived' and ("assignment_counts"."due_at" is null) = ("assignment_counts"."status" = 'done'))
);
--> statement-breakpoint
ALTER TABLE "figure_drift" ADD COLUMN "assignments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignment_counts" ADD CONSTRAINT "assignment_counts_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Row-level security as every tenant table (migration 0021).
ALTER TABLE assignment_counts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE assignment_counts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_wall ON assignment_counts
  USING (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid))
  WITH CHECK (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid));--> statement-breakpoint

-- The counts follow every statement on assignments, from the rows it changed: live rows that came
-- count +1, live rows that went -1 (an update is both), summed per key. Keys are written in key order,
-- so two statements moving the same keys cannot deadlock. A key's row is made when a positive count
-- first needs it; a negative change without a row (its company being deleted, whose cascade removed
-- the counts first) has nothing left to lower. One function for the three events, as the figures'.
CREATE FUNCTION assignments_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of text := 'SELECT company_id, course_id, group_id, status, CASE WHEN status = ''open'' THEN due_at END AS due_at, %s AS sign
                   FROM %I WHERE status <> ''waived''';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format(rows_of, 1, 'new_assignments')
    WHEN 'DELETE' THEN format(rows_of, -1, 'old_assignments')
    ELSE format(rows_of, 1, 'new_assignments') || ' UNION ALL ' || format(rows_of, -1, 'old_assignments') END;
BEGIN
  EXECUTE format($sql$
    WITH changed AS (%s),
    delta AS (
      SELECT company_id, course_id, group_id, status, due_at, sum(sign)::int AS n
      FROM changed GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
    ),
    locked AS MATERIALIZED (
      SELECT k.ctid AS row, d.n FROM assignment_counts k
      JOIN delta d ON (k.company_id, k.course_id, k.group_id, k.status, k.due_at)
                      IS NOT DISTINCT FROM (d.company_id, d.course_id, d.group_id, d.status, d.due_at)
      ORDER BY k.company_id, k.course_id, k.group_id, k.status, k.due_at
      FOR NO KEY UPDATE OF k
    ),
    lowered AS (
      UPDATE assignment_counts k SET assignments = k.assignments + l.n FROM locked l WHERE k.ctid = l.row
    )
    INSERT INTO assignment_counts (company_id, course_id, group_id, status, due_at, assignments)
    SELECT d.company_id, d.course_id, d.group_id, d.status, d.due_at, d.n FROM delta d
    WHERE d.n > 0 AND NOT EXISTS (
      SELECT 1 FROM assignment_counts k
      WHERE (k.company_id, k.course_id, k.group_id, k.status, k.due_at)
            IS NOT DISTINCT FROM (d.company_id, d.course_id, d.group_id, d.status, d.due_at))
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT assignment_counts_key_uq DO UPDATE SET assignments = assignment_counts.assignments + excluded.assignments
  $sql$, changed);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER assignments_counts_added AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS new_assignments FOR EACH STATEMENT EXECUTE FUNCTION assignments_counts();--> statement-breakpoint
CREATE TRIGGER assignments_counts_removed AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS old_assignments FOR EACH STATEMENT EXECUTE FUNCTION assignments_counts();--> statement-breakpoint
CREATE TRIGGER assignments_counts_changed AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_assignments NEW TABLE AS new_assignments FOR EACH STATEMENT EXECUTE FUNCTION assignments_counts();--> statement-breakpoint

-- The counts of the assignments there are, in this migration's transaction (its triggers lock
-- assignments against writes until it commits; a backfill in batches could not keep count and
-- triggers agreeing, as migration 0026 explains). One pass over the assignments.
INSERT INTO assignment_counts (company_id, course_id, group_id, status, due_at, assignments)
SELECT company_id, course_id, group_id, status, CASE WHEN status = 'open' THEN due_at END, count(*)
FROM assignments WHERE status <> 'waived'
GROUP BY 1, 2, 3, 4, 5;
