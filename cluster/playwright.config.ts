// First: the test workers load this file too, and import server modules (scripts/server-context.mjs says why).
import "../scripts/server-context.mjs";
import { defineConfig, devices } from "@playwright/test";
import { reloadEnv } from "../base/env";
import { launchOptions } from "../e2e/support/browser";
import { clusterTestDatabaseUrl } from "./e2e/env";
import { clusterAppUrl, clusterEnv } from "./topology";

// Test workers reach the cluster's database and realtime nodes directly (to make people and groups, to deliver).
Object.assign(process.env, clusterEnv(clusterTestDatabaseUrl()));
reloadEnv();

/**
 * `npm run test:cluster`: the cluster spec against `npm run cluster`'s topology (cluster/start.ts),
 * started by the global set-up on a database of its own. One worker: the tests kill nodes that
 * every page of the run shares.
 */
export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: clusterAppUrl,
    trace: { mode: "retain-on-failure", screenshots: false },
    launchOptions,
  },
});
