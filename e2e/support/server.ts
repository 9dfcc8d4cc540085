import { spawn } from "node:child_process";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { env } from "@/lib/env";
import { startOidcProvider } from "@/scripts/lib/oidc-provider";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { startMailDev } from "@/scripts/lib/maildev";
import { startSoketi } from "@/scripts/lib/soketi";
import { e2eDatabaseName, testPorts, testPusher } from "@/tests/ports";
import { E2E_SIGNIN_TIMEOUT_MS, e2eAppEnv, e2eDatabaseUrl, e2eOidc, e2eOidcAccounts } from "./env";
import { buildIfMissing, nextBin, peerAddressPreload, stopTogether } from "./web-server";

/**
 * Playwright's web server for the PostgreSQL projects: a fresh, migrated and seeded database,
 * soketi, MailDev, the local OpenID provider, and `next start` on the production build (built first when missing).
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

const oidc = await startOidcProvider({ ...e2eOidc, accounts: Object.values(e2eOidcAccounts) });
const mailDev = await startMailDev({ smtpPort: testPorts.e2eSmtp, webPort: testPorts.e2eMailWeb, quiet: true });

const appEnv = { ...process.env, ...e2eAppEnv() };
await buildIfMissing(appEnv);
const next = spawn(process.execPath, [...peerAddressPreload, nextBin, "start", "--port", String(testPorts.e2eApp), "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: appEnv,
});
stopTogether(next, soketi, mailDev, oidc);
