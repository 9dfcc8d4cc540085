import { spawn } from "node:child_process";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { env } from "@/base/env";
import { startOidcProvider } from "@/scripts/lib/oidc-provider";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { startMailDev } from "@/scripts/lib/maildev";
import { type RunningSoketi, startSoketi } from "@/scripts/lib/soketi";
import { e2eDatabaseName, testPorts, testPusher } from "@/tests/ports";
import { E2E_SIGNIN_TIMEOUT_MS, e2eAppEnv, e2eDatabaseUrl, e2eOidc, e2eOidcAccounts } from "./env";
import { startControl } from "./control";
import { buildIfMissing, nextBin, peerAddressPreload, stopTogether } from "./web-server";

/**
 * The e2e web server for the PostgreSQL projects (servers.ts starts it): a fresh, migrated and seeded database,
 * soketi, MailDev, the local OpenID provider, and `next start` on the production build (built first when missing);
 * and a control endpoint on loopback through which a spec stops and restarts soketi.
 */
const databaseUrl = e2eDatabaseUrl();
const admin = new pg.Client({ connectionString: env().testDatabaseUrl });
await admin.connect();
await admin.query(`drop database if exists "${e2eDatabaseName}" with (force)`);
await admin.query(`create database "${e2eDatabaseName}"`);
await admin.end();

const handle = openPostgres(databaseUrl, { max: 2, connectAs: "owner" });
await prepareDatabase(handle, () => {});
await handle.close();

const soketiOptions = {
  port: testPorts.e2eSoketi,
  metricsPort: testPorts.e2eSoketiMetrics,
  ...testPusher,
  userAuthenticationTimeoutMs: E2E_SIGNIN_TIMEOUT_MS,
  quiet: true,
};
let soketi: RunningSoketi | null = await startSoketi(soketiOptions);
// The outage spec stops soketi for real and starts it again (e2e/support/outage.ts).
const control = await startControl(testPorts.e2eControl, {
  "/soketi/stop": async () => {
    await soketi?.stop();
    soketi = null;
  },
  "/soketi/start": async () => {
    soketi ??= await startSoketi(soketiOptions);
  },
});

const oidc = await startOidcProvider({ ...e2eOidc, accounts: Object.values(e2eOidcAccounts) });
const mailDev = await startMailDev({ smtpPort: testPorts.e2eSmtp, webPort: testPorts.e2eMailWeb, quiet: true });

const appEnv = { ...process.env, ...e2eAppEnv() };
await buildIfMissing(appEnv);
const next = spawn(
  process.execPath,
  [...peerAddressPreload, nextBin, "start", "--port", String(testPorts.e2eApp), "--hostname", "127.0.0.1"],
  {
    stdio: "inherit",
    env: appEnv,
  },
);
stopTogether(next, { stop: async () => soketi?.stop() }, control, mailDev, oidc);
