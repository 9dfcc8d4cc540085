CREATE TABLE "group_progress_daily" (
	"group_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"day" date NOT NULL,
	"course_id" uuid,
	"members" integer NOT NULL,
	"average_percent" double precision NOT NULL,
	"done" integer NOT NULL,
	"halfway" integer NOT NULL,
	"not_started" integer NOT NULL,
	CONSTRAINT "group_progress_daily_pk" PRIMARY KEY("group_id","day")
);
--> statement-breakpoint
ALTER TABLE "group_progress_daily" ADD CONSTRAINT "group_progress_daily_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_progress_daily" ADD CONSTRAINT "group_progress_daily_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_progress_daily" ADD CONSTRAINT "group_progress_daily_course_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_progress_daily_company_day_idx" ON "group_progress_daily" USING btree ("company_id","day");