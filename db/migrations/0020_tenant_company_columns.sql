-- Every tenant table carries its company, for the row-level wall (0021): the two child tables that
-- lacked it take their parent's.
ALTER TABLE "group_channel_grants" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "group_channel_grants" g SET "company_id" = e."company_id" FROM "group_channel_epochs" e WHERE e."group_id" = g."group_id";--> statement-breakpoint
ALTER TABLE "group_channel_grants" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "import_rows" r SET "company_id" = j."company_id" FROM "import_jobs" j WHERE j."id" = r."job_id";--> statement-breakpoint
ALTER TABLE "import_rows" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "group_channel_grants" ADD CONSTRAINT "group_channel_grants_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;
