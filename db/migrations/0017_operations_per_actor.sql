DROP INDEX "operations_company_key_uq";--> statement-breakpoint
CREATE INDEX "audit_log_address_refused_idx" ON "audit_log" USING btree ("actor_id","created_at") WHERE "audit_log"."action" = 'person.address_refused';--> statement-breakpoint
CREATE UNIQUE INDEX "operations_company_actor_key_uq" ON "operations" USING btree ("company_id","actor_id","operation_key");