ALTER TABLE "assignments" DROP CONSTRAINT "assignments_company_fk";
--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_company_fk";
