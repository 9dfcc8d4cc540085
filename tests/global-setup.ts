import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { startMailDev } from "@/scripts/lib/maildev";
import { startSoketi } from "@/scripts/lib/soketi";
import { testPorts, testPusher } from "./ports";
import { env } from "@/base/env";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteSnapshot: string | null;
  }
}

/**
 * Migrates once per run: PostgreSQL into a template database that each test file copies;
 * PGlite into a data-directory snapshot that each test file loads (about 1 s instead of 3–6).
 * Starts the integration tier's own soketi and MailDev.
 */
export default async function setup(project: TestProject) {
  const soketi = await startSoketi({
    port: testPorts.integrationSoketi,
    metricsPort: testPorts.integrationSoketiMetrics,
    ...testPusher,
    userAuthenticationTimeoutMs: 3000,
    quiet: true,
  });

  const mailDev = await startMailDev({ smtpPort: testPorts.integrationSmtp, webPort: testPorts.integrationMailWeb, quiet: true });

  const url = env().testDatabaseUrl;
  let cleanup: () => Promise<void>;
  if (url) {
    const template = `cohort_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${template}"`);
    const handle = openPostgres(withDatabase(url, template), { max: 1, connectAs: "owner" });
    await applyMigrations(handle);
    await handle.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteSnapshot", null);
    cleanup = async () => {
      const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${template}%`]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    };
  } else {
    const handle = openPglite({ connectAs: "owner" });
    await applyMigrations(handle);
    const dump = await handle.client.dumpDataDir("none");
    await handle.close();
    const dir = resolve(".data/test");
    mkdirSync(dir, { recursive: true });
    const file = resolve(dir, `pglite-migrated-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgTemplate", null);
    project.provide("pgliteSnapshot", file);
    cleanup = async () => rmSync(file, { force: true });
  }

  return async () => {
    await cleanup();
    await soketi.stop();
    await mailDev.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
