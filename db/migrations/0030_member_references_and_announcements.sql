ALTER TABLE "group_members" DROP CONSTRAINT "group_members_group_fk";
--> statement-breakpoint
ALTER TABLE "group_members" DROP CONSTRAINT "group_members_user_fk";
--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "announced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "announcement_read_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_announcement_check" CHECK ("group_members"."announcement_read_at" is null or "group_members"."announced");--> statement-breakpoint
-- What the two foreign keys of group_members did, once per statement instead of once per row (a
-- 100,000-person add spent 0.9 s of 3.7 in them). After an insert, the statement's distinct groups and
-- people must exist and be visible to the writer (row-level security hides other companies', so no
-- membership reaches across), and they are key-share-locked as a key check locks them: a group or
-- person deleted meanwhile either waits for this transaction or is seen gone here.
CREATE FUNCTION group_members_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT group_id FROM added_members) a
             WHERE NOT EXISTS (SELECT 1 FROM learning_groups g WHERE g.id = a.group_id FOR KEY SHARE OF g)) THEN
    RAISE EXCEPTION 'a membership names a group that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM added_members a
             WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id FOR KEY SHARE OF u)) THEN
    RAISE EXCEPTION 'a membership names a person who does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER group_members_check_references AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS added_members FOR EACH STATEMENT EXECUTE FUNCTION group_members_check_references();
--> statement-breakpoint
-- A membership's group and person never change (a move deletes and inserts), so no update needs the check.
CREATE FUNCTION group_members_keep_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a membership''s group and person do not change' USING ERRCODE = 'foreign_key_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER group_members_keep_references BEFORE UPDATE OF group_id, user_id ON group_members
  FOR EACH ROW WHEN (NEW.group_id IS DISTINCT FROM OLD.group_id OR NEW.user_id IS DISTINCT FROM OLD.user_id)
  EXECUTE FUNCTION group_members_keep_references();
--> statement-breakpoint
-- Deleting a group or a person removes its memberships, as the keys' ON DELETE CASCADE did: the
-- dependents' triggers of migration 0005 gain one statement each.
CREATE OR REPLACE FUNCTION learning_groups_delete_dependents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM group_members m USING deleted_groups g WHERE m.group_id = g.id;
  DELETE FROM membership_events e USING deleted_groups g WHERE e.company_id = g.company_id AND e.group_id = g.id;
  DELETE FROM notifications n USING deleted_groups g WHERE n.group_id = g.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_delete_dependents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM group_members m USING deleted_users u WHERE m.user_id = u.id;
  DELETE FROM membership_events e USING deleted_users u WHERE e.user_id = u.id;
  DELETE FROM notifications n USING deleted_users u WHERE n.user_id = u.id;
  UPDATE membership_events SET actor_id = NULL WHERE actor_id IN (SELECT id FROM deleted_users);
  UPDATE group_members SET added_by = NULL WHERE added_by IN (SELECT id FROM deleted_users);
  RETURN NULL;
END $$;
