-- A page of the chat shows the newest replies of each thread and the earlier ones on demand, by keyset.
-- On reply_to_id alone, each thread's every reply was read and sorted for its newest three (5,000 for
-- a thread of 5,000); in (reply_to_id, created_at, id) order they stop at the limit. Lookups by
-- reply_to_id alone (the foreign key's set null) use its first column, so the old index goes.
DROP INDEX "group_messages_reply_to_idx";--> statement-breakpoint
CREATE INDEX "group_messages_reply_to_created_idx" ON "group_messages" USING btree ("reply_to_id","created_at","id") WHERE "group_messages"."reply_to_id" is not null;