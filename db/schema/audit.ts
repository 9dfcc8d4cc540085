import { foreignKey, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies, users } from "./people";

export const actorKindEnum = pgEnum("actor_kind", ["user", "hr", "system"]);

/** One row per operation; the per-person detail of membership changes is the ledger. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    actorId: uuid(),
    actorKind: actorKindEnum().notNull().default("user"),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    batchId: uuid(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "audit_log_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "audit_log_actor_fk", columns: [t.actorId], foreignColumns: [users.id] }).onDelete("set null"),
    index("audit_log_company_created_idx").on(t.companyId, t.createdAt.desc()),
    index("audit_log_company_target_idx").on(t.companyId, t.targetType, t.targetId),
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
    result: jsonb().$type<unknown>(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "operations_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "operations_actor_fk", columns: [t.actorId], foreignColumns: [users.id] }).onDelete("set null"),
    uniqueIndex("operations_company_key_uq").on(t.companyId, t.operationKey),
  ],
);
