CREATE TABLE "group_figures" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "group_figures_members_check" CHECK ("group_figures"."members" >= 0)
);
--> statement-breakpoint
ALTER TABLE "group_figures" ADD CONSTRAINT "group_figures_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as every tenant table (migration 0021).
ALTER TABLE group_figures ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE group_figures FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_wall ON group_figures
  USING (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid))
  WITH CHECK (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid));--> statement-breakpoint

-- Every group has its figures row from the moment it exists, however it is inserted.
CREATE FUNCTION learning_groups_insert_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO group_figures (group_id, company_id) SELECT id, company_id FROM inserted_groups;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER learning_groups_insert_figures AFTER INSERT ON learning_groups
  REFERENCING NEW TABLE AS inserted_groups FOR EACH STATEMENT EXECUTE FUNCTION learning_groups_insert_figures();--> statement-breakpoint

-- The member count follows every statement that adds or removes members: one update per group the
-- statement touched (a 10,000-person add is one row's update). Membership writes hold their group's
-- row lock for the transaction already, so these updates add no wait of their own.
CREATE FUNCTION group_members_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE group_figures f SET members = f.members + d.n
  FROM (SELECT group_id, count(*)::int AS n FROM added_members GROUP BY group_id) d
  WHERE f.group_id = d.group_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER group_members_count_added AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS added_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_count_added();--> statement-breakpoint
CREATE FUNCTION group_members_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE group_figures f SET members = f.members - d.n
  FROM (SELECT group_id, count(*)::int AS n FROM removed_members GROUP BY group_id) d
  WHERE f.group_id = d.group_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER group_members_count_removed AFTER DELETE ON group_members
  REFERENCING OLD TABLE AS removed_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_count_removed();--> statement-breakpoint

-- The figures of the groups there are, counted in this migration's transaction: its triggers lock
-- group_members against writes until it commits, so no add or removal falls between the count and
-- the trigger (a backfill in batches could not promise that). One pass over the memberships.
INSERT INTO group_figures (group_id, company_id, members)
SELECT g.id, g.company_id, coalesce(m.n, 0)
FROM learning_groups g
LEFT JOIN (SELECT group_id, count(*)::int AS n FROM group_members GROUP BY group_id) m ON m.group_id = g.id;
