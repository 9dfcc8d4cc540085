import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type DatabaseHandle, openPglite, queryRows } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { createTestDatabase } from "@/tests/database";

async function describeSchema(handle: DatabaseHandle) {
  const tables = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  const [similarity] = await queryRows<{ score: number }>(handle.db, sql`select similarity('Dana Admin', 'Dana') as score`);
  const extensions = await queryRows<{ extname: string }>(handle.db, sql`select extname from pg_extension order by extname`);
  return {
    tables: tables.map((r) => r.table_name),
    similarity: Number(similarity?.score),
    extensions: extensions.map((r) => r.extname),
  };
}

const coreTables = [
  "account_tokens",
  "activity_events",
  "api_keys",
  "api_rate_limits",
  "assignment_reminders",
  "assignment_rules",
  "assignments",
  "audit_log",
  "certificate_counters",
  "certificates",
  "companies",
  "company_domains",
  "course_progress",
  "courses",
  "departments",
  "group_channel_epochs",
  "group_channel_grants",
  "group_chat_state",
  "group_members",
  "group_messages",
  "group_notification_settings",
  "group_progress_daily",
  "group_reads",
  "import_jobs",
  "import_rows",
  "learning_groups",
  "lesson_completions",
  "lessons",
  "mail_outbox",
  "membership_events",
  "notifications",
  "operations",
  "progress_snapshots",
  "sign_in_addresses",
  "sign_in_throttles",
  "streaks",
  "user_badges",
  "user_identities",
  "user_sessions",
  "users",
];
const extensions = ["btree_gist", "pg_trgm", "plpgsql"];

describe("migrations", () => {
  it("apply from scratch on PGlite, with pg_trgm", async () => {
    const handle = openPglite({ connectAs: "owner" });
    try {
      await applyMigrations(handle);
      const schema = await describeSchema(handle);
      expect(schema.tables).toEqual(coreTables);
      expect(schema.similarity).toBeGreaterThan(0.3);
      expect(schema.extensions).toEqual(extensions);
      // Applying twice is a no-op.
      await applyMigrations(handle);
    } finally {
      await handle.close();
    }
  });

  it("apply on this run's engine (PostgreSQL when TEST_DATABASE_URL is set)", async () => {
    const handle = await createTestDatabase();
    try {
      const schema = await describeSchema(handle);
      expect(schema.tables).toEqual(coreTables);
      expect(schema.similarity).toBeGreaterThan(0.3);
      expect(schema.extensions).toEqual(extensions);
    } finally {
      await handle.close();
    }
  });
});
