import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { applyMigrations, migrationsFolder } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { GENERATE_SQL } from "./data";

export const TEMPLATE = "cohort_bench_template";
const RUN_PREFIX = "cohort_bench_run_";

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What the template was built from: the migrations (their journal) and the generator's SQL. */
function templateVersion(): string {
  const journal = readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8");
  return createHash("sha256").update(journal).update(GENERATE_SQL.join("\n")).digest("hex").slice(0, 16);
}

async function storedVersion(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
    [TEMPLATE],
  );
  if (rows.length === 0) return null;
  return rows[0]!.comment?.replace(/^cohort-bench /, "") ?? "";
}

/**
 * Makes sure `cohort_bench_template` exists and matches the current migrations and generator;
 * otherwise builds it under a temporary name (migrate, generate, VACUUM ANALYZE) and renames it,
 * so an interrupted build never leaves a half-filled template. Returns the build time, or null.
 */
export async function ensureTemplate(serverUrl: string, log: (line: string) => void): Promise<number | null> {
  const version = templateVersion();
  const current = await onServer(serverUrl, storedVersion);
  if (current === version) return null;
  log(current === null ? `Building ${TEMPLATE} (first run)…` : `Rebuilding ${TEMPLATE}: migrations or generator changed…`);
  const started = performance.now();
  const building = `${TEMPLATE}_build_${process.pid}`;
  await onServer(serverUrl, (client) => client.query(`create database "${building}"`));
  try {
    const handle = openPostgres(withDatabase(serverUrl, building), { max: 1, connectAs: "owner" });
    await applyMigrations(handle);
    await handle.close();
    const passwordHash = await hashPassword("cohort-bench");
    await onServer(withDatabase(serverUrl, building), async (client) => {
      for (const statement of GENERATE_SQL) {
        await client.query(statement, statement.includes("$1") ? [passwordHash] : []);
      }
      await client.query("vacuum analyze");
    });
    await onServer(serverUrl, async (client) => {
      await client.query(`drop database if exists "${TEMPLATE}" with (force)`);
      await client.query(`alter database "${building}" rename to "${TEMPLATE}"`);
      await client.query(`comment on database "${TEMPLATE}" is 'cohort-bench ${version}'`);
    });
  } catch (error) {
    await onServer(serverUrl, (client) => client.query(`drop database if exists "${building}" with (force)`));
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  log(`Built ${TEMPLATE} in ${seconds.toFixed(1)} s.`);
  return seconds;
}

/** A fresh copy of the template for one case (or one run of a long job); `drop` removes it. */
export async function copyTemplate(serverUrl: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${RUN_PREFIX}${process.pid}_${label.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`;
  await onServer(serverUrl, async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    // PostgreSQL 15 copies through shared buffers and the WAL by default, leaving dirty pages to be
    // written during the first measurements; FILE_COPY checkpoints and copies the files instead.
    const { rows } = await client.query<{ server_version_num: string }>("show server_version_num");
    const fileCopy = Number(rows[0]!.server_version_num) >= 150000 ? " strategy file_copy" : "";
    await client.query(`create database "${name}" template "${TEMPLATE}"${fileCopy}`);
  });
  return {
    url: withDatabase(serverUrl, name),
    drop: () => onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/** Drops copies left behind by earlier runs that were killed (their process is gone). */
export async function dropStaleCopies(serverUrl: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${RUN_PREFIX}%`]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(RUN_PREFIX.length).split("_")[0]);
      if (pid === process.pid || isAlive(pid)) continue;
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function serverFacts(serverUrl: string): Promise<Record<string, string>> {
  return onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'synchronous_commit', 'fsync')`,
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  });
}
