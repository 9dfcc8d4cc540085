CREATE TYPE "public"."message_kind" AS ENUM('note', 'question', 'answer', 'praise');--> statement-breakpoint
CREATE TYPE "public"."notification_level" AS ENUM('all', 'mentions', 'none');--> statement-breakpoint
-- The type is rebuilt rather than extended with ADD VALUE: a value added in the transaction that
-- the migrator wraps around every pending migration cannot be relied on through every driver (the
-- Neon driver's session was cut when it was tried).
ALTER TYPE "public"."activity_type" RENAME TO "activity_type_before_praise";--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('lesson_completed', 'course_completed', 'streak_milestone', 'badge_awarded', 'certificate_issued', 'praise');--> statement-breakpoint
ALTER TABLE "activity_events" ALTER COLUMN "type" TYPE "public"."activity_type" USING "type"::text::"public"."activity_type";--> statement-breakpoint
DROP TYPE "public"."activity_type_before_praise";--> statement-breakpoint
CREATE TABLE "group_chat_state" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_message_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "group_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" "message_kind" NOT NULL,
	"body" text NOT NULL,
	"reply_to_id" uuid,
	"praised_user_id" uuid,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"by_admin" boolean DEFAULT false NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"answered_by" uuid,
	"seq" bigint NOT NULL,
	"operation_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	"deleted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "group_notification_settings" (
	"user_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"level" "notification_level" NOT NULL,
	CONSTRAINT "group_notification_settings_pk" PRIMARY KEY("user_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "group_reads" (
	"user_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"last_read_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "group_reads_pk" PRIMARY KEY("user_id","group_id")
);
--> statement-breakpoint
ALTER TABLE "activity_events" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "activity_events" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "group_notification_default" "notification_level" DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "group_chat_state" ADD CONSTRAINT "group_chat_state_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_chat_state" ADD CONSTRAINT "group_chat_state_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_author_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_reply_to_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."group_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_praised_fk" FOREIGN KEY ("praised_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_notification_settings" ADD CONSTRAINT "group_notification_settings_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_notification_settings" ADD CONSTRAINT "group_notification_settings_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_notification_settings" ADD CONSTRAINT "group_notification_settings_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_reads" ADD CONSTRAINT "group_reads_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_reads" ADD CONSTRAINT "group_reads_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_reads" ADD CONSTRAINT "group_reads_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_messages_group_seq_uq" ON "group_messages" USING btree ("group_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "group_messages_group_operation_uq" ON "group_messages" USING btree ("group_id","operation_key");--> statement-breakpoint
CREATE INDEX "group_messages_group_created_idx" ON "group_messages" USING btree ("group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "group_messages_author_created_idx" ON "group_messages" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "group_messages_reply_to_idx" ON "group_messages" USING btree ("reply_to_id") WHERE "group_messages"."reply_to_id" is not null;--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_message_fk" FOREIGN KEY ("message_id") REFERENCES "public"."group_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_events_group_created_idx" ON "activity_events" USING btree ("group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "activity_events"."group_id" is not null;