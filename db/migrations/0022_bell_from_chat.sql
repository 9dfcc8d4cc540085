-- The bell derives "new messages" and admins' notes from the chat against each member's read mark
-- (lib/chat/unread.ts): the rows written per member per message go, and are not written again.
DELETE FROM "notifications" WHERE "type" IN ('chat.message', 'chat.adminNote');--> statement-breakpoint
-- The scheduler's retention (lib/notifications/retention.ts) finds what was read long ago.
CREATE INDEX "notifications_company_read_idx" ON "notifications" USING btree ("company_id","read_at") WHERE "notifications"."read_at" is not null;
