import { type BrowserContext, type Page, test as base } from "@playwright/test";
import { type Database, openPostgres } from "@/db/client";
import { signInRequest } from "@/e2e/support/fixtures";
import type { ClusterNodeName } from "../topology";
import { clusterTestDatabaseUrl } from "./env";

type TestFixtures = {
  /**
   * A page of a browser context of its own, pinned to one node (the balancer's `cohort_node` cookie:
   * that app instance and that soketi node while they are up), signed in as `person` if one is given.
   */
  pageOn: (node: ClusterNodeName, person?: { email: string }) => Promise<Page>;
};
type WorkerFixtures = { db: Database };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const handle = openPostgres(clusterTestDatabaseUrl(), { max: 2, connectAs: "owner" });
      await use(handle.db);
      await handle.close();
    },
    { scope: "worker" },
  ],
  pageOn: async ({ browser, baseURL }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (node, person) => {
      const context = await browser.newContext({ ...testInfo.project.use });
      contexts.push(context);
      await context.addCookies([{ name: "cohort_node", value: node, url: baseURL! }]);
      if (person) await signInRequest(context.request, person.email);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from "@playwright/test";
