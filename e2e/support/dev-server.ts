import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { startSoketi } from "@/scripts/lib/soketi";
import { testPorts, testPusher } from "@/tests/ports";
import { DEV_SKIPPED_HEADER, E2E_SIGNIN_TIMEOUT_MS, devAppEnv } from "./env";
import { nextBin, stopTogether } from "./web-server";

/**
 * The e2e web server for the dev project (servers.ts starts it): `next dev` (React's development mode, which runs every
 * effect twice on mount) on the e2e database, which the PostgreSQL projects' server has just prepared,
 * with a soketi of its own, so the outage project's stop never reaches it. Next keeps the development
 * build in `.next/dev`, apart from the production build `next start` serves.
 *
 * One `next dev` per checkout: when `npm run dev` already runs here, a stand-in answers instead and
 * the dev spec skips itself (README: `npm test` works beside `npm run dev`).
 */
function runningDevServer(): number | null {
  try {
    const { pid } = JSON.parse(readFileSync(".next/dev/lock", "utf8")) as { pid?: number };
    if (!pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

const other = runningDevServer();
if (other !== null) {
  console.warn(`next dev already runs in this checkout (pid ${other}): the dev project's spec is skipped.`);
  createServer((_request, response) => response.writeHead(200, { [DEV_SKIPPED_HEADER]: "1" }).end()).listen(testPorts.devApp, "127.0.0.1");
} else {
  const soketi = await startSoketi({
    port: testPorts.devSoketi,
    metricsPort: testPorts.devSoketiMetrics,
    ...testPusher,
    userAuthenticationTimeoutMs: E2E_SIGNIN_TIMEOUT_MS,
    quiet: true,
  });
  const next = spawn(process.execPath, [nextBin, "dev", "--port", String(testPorts.devApp), "--hostname", "127.0.0.1"], {
    stdio: "inherit",
    env: { ...process.env, ...devAppEnv() },
  });
  stopTogether(next, soketi);
}
