ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_user_fk";
--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_assignment_fk";
--> statement-breakpoint
-- What the dropped keys' ON DELETE CASCADE did, once per statement: a person's or an assignment's
-- queued mail goes with them (a course deleted takes its assignments, and so their mail).
CREATE FUNCTION mail_outbox_delete_for_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mail_outbox o USING deleted_users u WHERE o.user_id = u.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER mail_outbox_delete_for_users AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted_users FOR EACH STATEMENT EXECUTE FUNCTION mail_outbox_delete_for_users();
--> statement-breakpoint
CREATE FUNCTION mail_outbox_delete_for_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mail_outbox o USING deleted_assignments a WHERE o.assignment_id = a.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER mail_outbox_delete_for_assignments AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS deleted_assignments FOR EACH STATEMENT EXECUTE FUNCTION mail_outbox_delete_for_assignments();
