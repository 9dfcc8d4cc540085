import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2eAppEnv, e2eBaseUrl } from "./e2e/support/env";
import { reloadEnv } from "./lib/env";

// Test workers reach the app's database and soketi directly (to create notifications, cut sockets).
Object.assign(process.env, e2eAppEnv());
reloadEnv();

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
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "mobile", grep: /@learner/, use: { ...devices["Pixel 7"], launchOptions } },
  ],
  webServer: {
    command: "npx tsx e2e/support/server.ts",
    url: `${e2eBaseUrl}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
