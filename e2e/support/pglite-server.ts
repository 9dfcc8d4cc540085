import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { openPglite } from "@/db/client";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { startSoketi } from "@/scripts/lib/soketi";
import { testPorts, testPusher } from "@/tests/ports";
import { E2E_SIGNIN_TIMEOUT_MS, smokeAppEnv, smokeBaseUrl, smokeDataDir } from "./env";
import { buildIfMissing, layOutStandalone, standaloneServer, stopTogether } from "./web-server";

/**
 * The e2e web server for the pglite-smoke project (servers.ts starts it): the standalone server, laid out and
 * started as the Dockerfile does, on a freshly migrated and seeded PGlite data directory that
 * nothing else opens once the server runs (PGlite serves one process).
 */
rmSync(smokeDataDir, { recursive: true, force: true });
const handle = openPglite({ dataDir: smokeDataDir, connectAs: "owner" });
await prepareDatabase(handle, () => {});
await handle.close();

const soketi = await startSoketi({
  port: testPorts.smokeSoketi,
  metricsPort: testPorts.smokeSoketiMetrics,
  ...testPusher,
  userAuthenticationTimeoutMs: E2E_SIGNIN_TIMEOUT_MS,
  quiet: true,
});

const appEnv: NodeJS.ProcessEnv = { ...process.env, ...smokeAppEnv(), PORT: String(testPorts.smokeApp), HOSTNAME: "127.0.0.1" };
// The Playwright runner exports the PostgreSQL projects' DATABASE_URL; this server must not see it.
delete appEnv.DATABASE_URL;
await buildIfMissing(appEnv);
layOutStandalone();

const started = Date.now();
const server = spawn(process.execPath, standaloneServer, { stdio: "inherit", env: appEnv });
stopTogether(server, soketi);

// Reported for the record: how long a container takes from `node server.js` to a healthy answer.
for (;;) {
  const healthy = await fetch(`${smokeBaseUrl}/api/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) break;
  await sleep(100);
}
console.log(`standalone server healthy ${Date.now() - started} ms after start`);
