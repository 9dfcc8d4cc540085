-- Every tenant table carries its company, for the row-level wall (0021): the child tables that lacked
-- it take their parent's (a link's, an identity's person; a grant's group; a count's key; a staged row's job).
ALTER TABLE "account_tokens" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "account_tokens" t SET "company_id" = u."company_id" FROM "users" u WHERE u."id" = t."user_id";--> statement-breakpoint
ALTER TABLE "account_tokens" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "user_identities" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "user_identities" i SET "company_id" = u."company_id" FROM "users" u WHERE u."id" = i."user_id";--> statement-breakpoint
ALTER TABLE "user_identities" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "group_channel_grants" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "group_channel_grants" g SET "company_id" = e."company_id" FROM "group_channel_epochs" e WHERE e."group_id" = g."group_id";--> statement-breakpoint
ALTER TABLE "group_channel_grants" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_rate_limits" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "api_rate_limits" r SET "company_id" = k."company_id" FROM "api_keys" k WHERE k."id" = r."key_id";--> statement-breakpoint
ALTER TABLE "api_rate_limits" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "company_id" uuid;--> statement-breakpoint
UPDATE "import_rows" r SET "company_id" = j."company_id" FROM "import_jobs" j WHERE j."id" = r."job_id";--> statement-breakpoint
ALTER TABLE "import_rows" ALTER COLUMN "company_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_channel_grants" ADD CONSTRAINT "group_channel_grants_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_rate_limits" ADD CONSTRAINT "api_rate_limits_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_company_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;
