import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { companies, users } from "./people";

export const apiKeyScopeEnum = pgEnum("api_key_scope", ["read", "write"]);
export type ApiKeyScope = (typeof apiKeyScopeEnum.enumValues)[number];

/**
 * A company's key for the HR integration API. Only the SHA-256 of the random 256-bit secret is kept;
 * the secret is shown once. `prefix` (the secret's first characters) lets admins tell keys apart.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    name: text().notNull(),
    scope: apiKeyScopeEnum().notNull(),
    prefix: text().notNull(),
    /** Hex SHA-256 of the whole secret. */
    secretHash: text().notNull(),
    createdBy: uuid(),
    createdAt: timestampMs().notNull().defaultNow(),
    lastUsedAt: timestampMs(),
    revokedAt: timestampMs(),
    revokedBy: uuid(),
  },
  (t) => [
    fk("api_keys_company_fk", t.companyId, companies.id, "cascade"),
    fk("api_keys_created_by_fk", t.createdBy, users.id, "set null"),
    fk("api_keys_revoked_by_fk", t.revokedBy, users.id, "set null"),
    uniqueIndex("api_keys_secret_hash_uq").on(t.secretHash),
    index("api_keys_company_created_idx").on(t.companyId, t.createdAt.desc()),
  ],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/** Requests per key and fixed window, counted in the database so every server instance shares them. */
export const apiRateLimits = pgTable(
  "api_rate_limits",
  {
    keyId: uuid().notNull(),
    /** The key's company, for the row-level wall. */
    companyId: uuid().notNull(),
    windowStart: timestampMs().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "api_rate_limits_pk", columns: [t.keyId, t.windowStart] }),
    fk("api_rate_limits_key_fk", t.keyId, apiKeys.id, "cascade"),
    fk("api_rate_limits_company_fk", t.companyId, companies.id, "cascade"),
  ],
);

export const importJobStatusEnum = pgEnum("import_job_status", ["validating", "invalid", "ready", "staging", "applying", "done", "failed"]);
export type ImportJobStatus = (typeof importJobStatusEnum.enumValues)[number];

/**
 * A CSV import of people and memberships: validated into a preview, then staged in chunks (progress
 * is `staged_rows` of `total_rows`, each chunk committed) and applied in one final transaction.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    createdBy: uuid(),
    fileName: text().notNull(),
    /** SHA-256 of the file: the same file again is recognised. */
    fileHash: text().notNull(),
    status: importJobStatusEnum().notNull().default("validating"),
    totalRows: integer().notNull().default(0),
    stagedRows: integer().notNull().default(0),
    /** The first problems found, each with its row number, column, the cell as shown back, and message. */
    problems: jsonb().$type<{ row: number; field?: string; value?: string; message: string }[]>().notNull().default([]),
    problemCount: integer().notNull().default(0),
    /** What the import did once applied (people created/updated, memberships added …). */
    summary: jsonb().$type<Record<string, number>>(),
    error: text(),
    createdAt: timestampMs().notNull().defaultNow(),
    updatedAt: timestampMs().notNull().defaultNow(),
    finishedAt: timestampMs(),
  },
  (t) => [
    fk("import_jobs_company_fk", t.companyId, companies.id, "cascade"),
    fk("import_jobs_created_by_fk", t.createdBy, users.id, "set null"),
    index("import_jobs_company_created_idx").on(t.companyId, t.createdAt.desc()),
  ],
);
export type ImportJob = typeof importJobs.$inferSelect;

/** The rows of a job, staged before the final transaction moves them into place. */
export const importRows = pgTable(
  "import_rows",
  {
    jobId: uuid().notNull(),
    /** The job's company: the rows hold HR's uploaded names and emails, walled per company like every tenant row. */
    companyId: uuid().notNull(),
    rowNumber: integer().notNull(),
    email: text().notNull(),
    name: text().notNull(),
    departmentId: uuid(),
    managerEmail: text(),
    groupIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [
    primaryKey({ name: "import_rows_pk", columns: [t.jobId, t.rowNumber] }),
    fk("import_rows_job_fk", t.jobId, importJobs.id, "cascade"),
    fk("import_rows_company_fk", t.companyId, companies.id, "cascade"),
  ],
);
