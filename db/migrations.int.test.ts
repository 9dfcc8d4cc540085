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
  "assignment_counts",
  "assignment_reminders",
  "assignment_rules",
  "assignments",
  "audit_log",
  "backfills",
  "certificate_counters",
  "certificates",
  "companies",
  "company_domains",
  "course_progress",
  "courses",
  "departments",
  "figure_drift",
  "group_channel_epochs",
  "group_channel_grants",
  "group_chat_state",
  "group_feed",
  "group_figures",
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

describe("foreign keys", () => {
  /**
   * Deleting a group removes rows of many tables by cascade, and Postgres finds each removed row's
   * children by the referencing columns: without an index that is a scan of the child table per row
   * (a group's 1,000 messages scanned a million activity events 1,000 times). Every foreign key into
   * a table whose rows a group's delete removes must lead an index.
   */
  it("into every table a group's delete reaches lead an index of their table", async () => {
    const handle = await createTestDatabase();
    try {
      const unindexed = await queryRows<{ key: string }>(
        handle.db,
        sql`with recursive reached(rel) as (
              select 'learning_groups'::regclass::oid
              union
              select c.conrelid from pg_constraint c join reached r on c.confrelid = r.rel
              where c.contype = 'f' and c.confdeltype = 'c'
            )
            select c.conrelid::regclass || ' ' || pg_get_constraintdef(c.oid) as key
            from pg_constraint c
            where c.contype = 'f' and c.confrelid in (select rel from reached)
              and not exists (
                select 1 from pg_index i
                where i.indrelid = c.conrelid
                  and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey::int2[]
              )
            order by 1`,
      );
      expect(unindexed.map((row) => row.key)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
