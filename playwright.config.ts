// First: the test workers load this file too, and import server modules (scripts/server-context.mjs says why).
import "./scripts/server-context.mjs";
import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "./e2e/support/browser";
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
/** The checks of `npm run test:extended` (playwright.extended.config.ts), left out here. */
const extendedTests = /@extended/;

export default defineConfig({
  testDir: "./e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  // A failed test keeps its trace: every action with the page's DOM before and after it, the network
  // and the console. Without the screencast: its frames are JPEGs encoded all along every test, passing
  // or not, about a fifth of the run's CPU on two cores; the DOM snapshots show the page as well.
  use: { baseURL: e2eBaseUrl, trace: { mode: "retain-on-failure", screenshots: false }, launchOptions },
  // Playwright runs the projects in phases, each after the projects it depends on have finished: the
  // setup, then desktop, mobile and dev together, then outage beside the PGlite smoke project. With
  // two workers a phase lasts as long as its longest queue, so nothing long waits alone for a later one.
  projects: [
    // Signs each seeded role in once through the credentials endpoint; the specs reuse the sessions (e2e/support/roles.ts).
    { name: "setup", testMatch: /\/e2e\/auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"], launchOptions } },
    // First in its phase (its single test is queued before the others): its first requests compile the
    // pages it opens (a minute), which runs beside the other specs rather than alone at the end. Its
    // people and group are its own, its soketi too, so it needs nothing of the setup but the phase.
    {
      name: "dev",
      testMatch: devSpecs,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], baseURL: devBaseUrl, launchOptions },
    },
    {
      name: "desktop",
      testIgnore: [smokeSpecs, outageSpecs, devSpecs],
      grepInvert: extendedTests,
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
    {
      name: "outage",
      testMatch: outageSpecs,
      dependencies: ["desktop", "mobile", "dev"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    // The embedded default, as a container runs it: the standalone server on PGlite. Its server, soketi
    // and database are its own, so it runs on the worker the outage spec leaves free.
    {
      name: "pglite-smoke",
      testMatch: smokeSpecs,
      dependencies: ["desktop", "mobile", "dev"],
      use: { ...devices["Desktop Chrome"], baseURL: smokeBaseUrl, launchOptions },
    },
  ],
  // One command starts the three servers side by side (e2e/support/servers.ts says why) and prints
  // the line once all of them answer.
  webServer: {
    command: "npx tsx --import ./scripts/server-context.mjs e2e/support/servers.ts",
    wait: { stdout: /e2e servers are ready/ },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
