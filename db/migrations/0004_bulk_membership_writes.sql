ALTER TABLE "group_members" DROP CONSTRAINT "group_members_company_fk";
--> statement-breakpoint
ALTER TABLE "group_members" DROP CONSTRAINT "group_members_added_by_fk";
--> statement-breakpoint
ALTER TABLE "membership_events" DROP CONSTRAINT "membership_events_company_fk";
--> statement-breakpoint
ALTER TABLE "membership_events" DROP CONSTRAINT "membership_events_group_fk";
--> statement-breakpoint
ALTER TABLE "membership_events" DROP CONSTRAINT "membership_events_user_fk";
--> statement-breakpoint
ALTER TABLE "membership_events" DROP CONSTRAINT "membership_events_actor_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_company_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_group_fk";
--> statement-breakpoint
DROP INDEX "group_members_company_group_idx";--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "sort_name" text;--> statement-breakpoint
CREATE INDEX "group_members_company_group_sort_idx" ON "group_members" USING btree ("company_id","group_id","sort_name","user_id");