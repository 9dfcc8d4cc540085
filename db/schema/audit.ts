import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { companies, users } from "./people";

export const actorKindEnum = pgEnum("actor_kind", ["user", "hr", "api_key", "system"]);

/** One row per operation; the per-person detail of membership changes is the ledger. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    actorId: uuid(),
    actorKind: actorKindEnum().notNull().default("user"),
    /** The API key that made an `api_key` actor's request (the key's creator is `actor_id`). */
    apiKeyId: uuid(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    batchId: uuid(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("audit_log_company_fk", t.companyId, companies.id, "cascade"),
    fk("audit_log_actor_fk", t.actorId, users.id, "set null"),
    index("audit_log_company_created_idx").on(t.companyId, t.createdAt.desc()),
    index("audit_log_company_target_idx").on(t.companyId, t.targetType, t.targetId),
    /** Refused addresses by person and time: what the invitations' limit counts (lib/accounts/addresses.ts). */
    index("audit_log_address_refused_idx")
      .on(t.actorId, t.createdAt)
      .where(sql`${t.action} = 'person.address_refused'`),
  ],
);
export type AuditRow = typeof auditLog.$inferSelect;

/** Idempotency: an operation id seen before returns its first result. */
export const operations = pgTable(
  "operations",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    actorId: uuid(),
    operationKey: text().notNull(),
    kind: text().notNull(),
    /** SHA-256 of an API request's body: the same Idempotency-Key with another body is a conflict. */
    requestHash: text(),
    result: jsonb().$type<unknown>(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("operations_company_fk", t.companyId, companies.id, "cascade"),
    fk("operations_actor_fk", t.actorId, users.id, "set null"),
    /**
     * Operation ids are each actor's own: another person's id is another operation (lib/operations/claim.ts).
     * The scheduler has no person (`actor_id` null): its ids are unique among its own, so nulls are not distinct.
     */
    unique("operations_company_actor_key_uq").on(t.companyId, t.actorId, t.operationKey).nullsNotDistinct(),
  ],
);
