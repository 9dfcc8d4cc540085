-- What the foreign keys dropped in 0004 did on delete, done once per statement instead of once per row.
-- Deleting a group removes its ledger rows and notifications (as ON DELETE CASCADE did).
CREATE FUNCTION learning_groups_delete_dependents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM membership_events e USING deleted_groups g WHERE e.company_id = g.company_id AND e.group_id = g.id;
  DELETE FROM notifications n USING deleted_groups g WHERE n.group_id = g.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_groups_delete_dependents AFTER DELETE ON learning_groups
  REFERENCING OLD TABLE AS deleted_groups FOR EACH STATEMENT EXECUTE FUNCTION learning_groups_delete_dependents();
--> statement-breakpoint
-- Deleting a person removes their ledger rows and notifications (ON DELETE CASCADE did) and forgets
-- them as the actor of other rows (ON DELETE SET NULL did).
CREATE FUNCTION users_delete_dependents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM membership_events e USING deleted_users u WHERE e.user_id = u.id;
  DELETE FROM notifications n USING deleted_users u WHERE n.user_id = u.id;
  UPDATE membership_events SET actor_id = NULL WHERE actor_id IN (SELECT id FROM deleted_users);
  UPDATE group_members SET added_by = NULL WHERE added_by IN (SELECT id FROM deleted_users);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_delete_dependents AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted_users FOR EACH STATEMENT EXECUTE FUNCTION users_delete_dependents();
--> statement-breakpoint
-- group_members.sort_name is lower(users.name): filled when an insert does not give it, and kept
-- in step when a person is renamed.
CREATE FUNCTION group_members_fill_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(name) INTO NEW.sort_name FROM users WHERE id = NEW.user_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER group_members_fill_sort_name BEFORE INSERT ON group_members
  FOR EACH ROW WHEN (NEW.sort_name IS NULL) EXECUTE FUNCTION group_members_fill_sort_name();
--> statement-breakpoint
CREATE FUNCTION users_rename_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE group_members SET sort_name = lower(NEW.name) WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_rename_memberships AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION users_rename_memberships();
--> statement-breakpoint
UPDATE group_members gm SET sort_name = lower(u.name) FROM users u WHERE u.id = gm.user_id;
