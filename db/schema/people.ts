import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgEnum,
  type PgTableExtraConfigValue,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const companies = pgTable("companies", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  defaultTimeZone: text().notNull().default("UTC"),
  defaultLocale: text().notNull().default("en"),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;

/** Roles are capabilities added to the learner everybody is. */
export const roleEnum = pgEnum("role", ["admin", "hr"]);
export type Role = (typeof roleEnum.enumValues)[number];

export const departments = pgTable(
  "departments",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    name: text().notNull(),
    headId: uuid(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // Annotated because departments and users reference each other.
  (t): PgTableExtraConfigValue[] => [
    foreignKey({ name: "departments_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "departments_head_fk", columns: [t.headId], foreignColumns: [users.id] }).onDelete("set null"),
    uniqueIndex("departments_company_name_uq").on(t.companyId, sql`lower(${t.name})`),
  ],
);
export type Department = typeof departments.$inferSelect;
export type NewDepartment = typeof departments.$inferInsert;

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    departmentId: uuid(),
    managerId: uuid(),
    roles: roleEnum().array().notNull().default(sql`'{}'::role[]`),
    name: text().notNull(),
    /** Stored lower-cased; unique across the whole product. */
    email: text().notNull(),
    passwordHash: text(),
    /** Null means the company's default. */
    timeZone: text(),
    locale: text(),
    deactivatedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "users_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "users_department_fk", columns: [t.departmentId], foreignColumns: [departments.id] }).onDelete(
      "set null",
    ),
    foreignKey({ name: "users_manager_fk", columns: [t.managerId], foreignColumns: [t.id] }).onDelete("set null"),
    uniqueIndex("users_email_uq").on(t.email),
    index("users_company_name_idx").on(t.companyId, sql`lower(${t.name})`),
    index("users_company_department_idx").on(t.companyId, t.departmentId),
    index("users_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
