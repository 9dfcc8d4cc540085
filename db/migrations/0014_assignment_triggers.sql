ALTER TABLE "assignments" DROP CONSTRAINT "assignments_group_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_rule_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_assigned_by_fk";
--> statement-breakpoint
CREATE INDEX "mail_outbox_assignment_idx" ON "mail_outbox" USING btree ("assignment_id") WHERE "mail_outbox"."assignment_id" is not null;--> statement-breakpoint
-- What the dropped keys' ON DELETE SET NULL did, once per statement instead of once per row: an
-- assignment outlives the group, the rule and the admin it came from.
CREATE FUNCTION assignments_forget_deleted_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignments SET group_id = NULL, rule_id = NULL WHERE group_id IN (SELECT id FROM deleted_groups);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assignments_forget_deleted_groups AFTER DELETE ON learning_groups
  REFERENCING OLD TABLE AS deleted_groups FOR EACH STATEMENT EXECUTE FUNCTION assignments_forget_deleted_groups();
--> statement-breakpoint
CREATE FUNCTION assignments_forget_deleted_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignments SET rule_id = NULL WHERE rule_id IN (SELECT id FROM deleted_rules);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assignments_forget_deleted_rules AFTER DELETE ON assignment_rules
  REFERENCING OLD TABLE AS deleted_rules FOR EACH STATEMENT EXECUTE FUNCTION assignments_forget_deleted_rules();
--> statement-breakpoint
CREATE FUNCTION assignments_forget_deleted_assigners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignments SET assigned_by = NULL WHERE assigned_by IN (SELECT id FROM deleted_users);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assignments_forget_deleted_assigners AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted_users FOR EACH STATEMENT EXECUTE FUNCTION assignments_forget_deleted_assigners();
