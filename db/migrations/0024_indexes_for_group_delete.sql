-- A group's delete cascades to its messages, reads and notification settings. Each message deleted
-- looked for its praise event in activity_events by message_id, which had no index: a group with
-- 1,000 messages scanned the whole table 1,000 times (23 s and counting on the bench's million events).
-- The group's reads and settings were found by scanning every person's rows.
CREATE INDEX "group_notification_settings_group_idx" ON "group_notification_settings" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_reads_group_idx" ON "group_reads" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "activity_events_message_idx" ON "activity_events" USING btree ("message_id") WHERE "activity_events"."message_id" is not null;