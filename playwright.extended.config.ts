import { defineConfig, devices } from "@playwright/test";
import config from "./playwright.config";
import { launchOptions } from "./e2e/support/browser";

/**
 * `npm run test:extended` (run by `.ci/run` after `npm test`): the checks too long for every run, the
 * tests tagged @extended (axe over every route), on the same servers as `npm test`; the default run
 * leaves them out (its projects' `grepInvert`).
 */
export default defineConfig({
  ...config,
  projects: [
    ...config.projects!.filter((project) => project.name === "setup"),
    {
      name: "extended",
      grep: /@extended/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
});
