import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { startSoketi } from "@/scripts/lib/soketi";
import { e2eDatabaseName, testPorts, testPusher } from "@/tests/ports";
import { E2E_SIGNIN_TIMEOUT_MS, e2eAppEnv, e2eDatabaseUrl } from "./env";

/**
 * Playwright's web server: a fresh, migrated and seeded PostgreSQL database, soketi, and
 * `next start` on the production build (built first when missing).
 */
const databaseUrl = e2eDatabaseUrl();
const admin = new pg.Client({ connectionString: env().testDatabaseUrl });
await admin.connect();
await admin.query(`drop database if exists "${e2eDatabaseName}" with (force)`);
await admin.query(`create database "${e2eDatabaseName}"`);
await admin.end();

const handle = openPostgres(databaseUrl, { max: 2 });
await prepareDatabase(handle, () => {});
await handle.close();

const soketi = await startSoketi({
  port: testPorts.e2eSoketi,
  metricsPort: testPorts.e2eSoketiMetrics,
  ...testPusher,
  userAuthenticationTimeoutMs: E2E_SIGNIN_TIMEOUT_MS,
  quiet: true,
});

const nextBin = new URL("../../node_modules/next/dist/bin/next", import.meta.url).pathname;
const appEnv = { ...process.env, ...e2eAppEnv() };
if (!existsSync(".next/BUILD_ID")) {
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: appEnv });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error("next build failed");
}
const next = spawn(process.execPath, [nextBin, "start", "--port", String(testPorts.e2eApp), "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: appEnv,
});

const stop = async () => {
  next.kill("SIGTERM");
  await soketi.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
next.on("exit", () => void stop());
