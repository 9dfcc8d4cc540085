DROP INDEX "notifications_company_user_created_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "key" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_key_uq" ON "notifications" USING btree ("user_id","key");--> statement-breakpoint
CREATE INDEX "notifications_company_user_created_idx" ON "notifications" USING btree ("company_id","user_id","created_at" DESC NULLS LAST,"key" DESC NULLS LAST);