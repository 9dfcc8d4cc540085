import { sql } from "drizzle-orm";
import { index, integer, pgEnum, type PgTableExtraConfigValue, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { notificationLevelEnum } from "./notifications";

export const companies = pgTable("companies", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  defaultTimeZone: text().notNull().default("UTC"),
  defaultLocale: text().notNull().default("en"),
  createdAt: timestampMs().notNull().defaultNow(),
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
    /** Its active people, kept by a statement trigger on users (migration 0032): pickers show it without counting. */
    activePeople: integer().notNull().default(0),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  // Annotated because departments and users reference each other.
  (t): PgTableExtraConfigValue[] => [
    fk("departments_company_fk", t.companyId, companies.id, "cascade"),
    fk("departments_head_fk", t.headId, users.id, "set null"),
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
    roles: roleEnum()
      .array()
      .notNull()
      .default(sql`'{}'::role[]`),
    name: text().notNull(),
    /** Stored lower-cased; unique across the whole product. */
    email: text().notNull(),
    passwordHash: text(),
    /** Null means the company's default. */
    timeZone: text(),
    locale: text(),
    /** Chat notifications in a group the person has not set otherwise (profile page). */
    groupNotificationDefault: notificationLevelEnum().notNull().default("all"),
    deactivatedAt: timestampMs(),
    /**
     * The name as people search it (`fold_name`, migration 0033: accents and German transliterations
     * folded, so "Müller", "Mueller" and "Muller" are one name), stored: a search that matches a tenth of
     * the company tests the stored column, not the function once per row.
     */
    foldedName: text().generatedAlwaysAs(sql`fold_name(name)`),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("users_company_fk", t.companyId, companies.id, "cascade"),
    fk("users_department_fk", t.departmentId, departments.id, "set null"),
    fk("users_manager_fk", t.managerId, t.id, "set null"),
    uniqueIndex("users_email_uq").on(t.email),
    index("users_company_name_idx").on(t.companyId, sql`lower(${t.name})`),
    index("users_company_department_idx").on(t.companyId, t.departmentId),
    index("users_folded_name_trgm_idx").using("gin", t.foldedName.op("gin_trgm_ops")),
    // Autocomplete: the company's closest names in distance order (`term <<-> name`), ten and stop.
    // A longer signature than the default 12 bytes keeps typo'd terms from visiting most of the tree.
    index("users_company_folded_name_knn_idx").using("gist", t.companyId, t.foldedName.op("gist_trgm_ops(siglen=256)")),
    // Autocomplete: emails that start with the term, in order (emails are stored lower-cased).
    index("users_company_email_prefix_idx").on(t.companyId, t.email.op("text_pattern_ops")),
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
