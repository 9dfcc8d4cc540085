// First: the test workers load this file too, and import server modules (scripts/server-context.mjs says why).
import "./scripts/server-context.mjs";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { devBaseUrl, e2eAppEnv, e2eBaseUrl, smokeBaseUrl } from "./e2e/support/env";
import { reloadEnv } from "./base/env";

// Test workers reach the app's database and soketi directly (to create notifications, cut sockets).
Object.assign(process.env, e2eAppEnv());
reloadEnv();

/** The PGlite smoke project's specs; the PostgreSQL projects leave them alone. */
const smokeSpecs = /\/e2e\/pglite\//;
/** Stops the e2e soketi for real, which would cut every other spec's pages: run alone, after them. */
const outageSpecs = /\/e2e\/reconnecting\.spec\.ts$/;
/** Against `next dev` (React's development mode), with a soketi of its own. */
const devSpecs = /\/e2e\/dev\//;

const chromium = "/usr/bin/chromium";
const launchOptions = {
  executablePath: existsSync(chromium) ? chromium : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL: e2eBaseUrl, trace: "retain-on-failure", launchOptions },
  projects: [
    // Signs each seeded role in once through the form; the specs reuse the sessions (e2e/support/roles.ts).
    { name: "setup", testMatch: /\/e2e\/auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "desktop",
      testIgnore: [smokeSpecs, outageSpecs, devSpecs],
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "mobile",
      grep: /@learner/,
      testIgnore: [smokeSpecs, outageSpecs, devSpecs],
      dependencies: ["setup"],
      use: { ...devices["Pixel 7"], launchOptions },
    },
    { name: "outage", testMatch: outageSpecs, dependencies: ["desktop", "mobile"], use: { ...devices["Desktop Chrome"], launchOptions } },
    // The embedded default, as a container runs it: the standalone server on PGlite.
    { name: "pglite-smoke", testMatch: smokeSpecs, use: { ...devices["Desktop Chrome"], baseURL: smokeBaseUrl, launchOptions } },
    // After the others too, beside the outage spec (its soketi is its own): its first requests compile pages.
    {
      name: "dev",
      testMatch: devSpecs,
      dependencies: ["desktop", "mobile"],
      use: { ...devices["Desktop Chrome"], baseURL: devBaseUrl, launchOptions },
    },
  ],
  // Started one after the other, so only the first can ever need to build.
  webServer: [
    {
      command: "npx tsx --import ./scripts/server-context.mjs e2e/support/server.ts",
      url: `${e2eBaseUrl}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npx tsx --import ./scripts/server-context.mjs e2e/support/pglite-server.ts",
      url: `${smokeBaseUrl}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // After the first: it opens the database that server prepares. Ready once Next listens; the
      // dev spec's first requests compile the pages.
      command: "npx tsx --import ./scripts/server-context.mjs e2e/support/dev-server.ts",
      url: `${devBaseUrl}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
