import { startControl } from "@/e2e/support/control";
import { startCluster } from "../start";
import { CLUSTER } from "../topology";
import { clusterTestDatabaseUrl } from "./env";

/**
 * Starts the cluster on a fresh database, and the control endpoint through which the spec (in its
 * worker process) kills and restarts app instances and soketi nodes (`nodes.ts`). Stopped after the run.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const cluster = await startCluster({ databaseUrl: clusterTestDatabaseUrl(), fresh: true, log: console.log });
  const tasks: Record<string, () => Promise<void>> = {};
  for (const node of Object.values(cluster.nodes)) {
    tasks[`/${node.name}/app/kill`] = node.killApp;
    tasks[`/${node.name}/app/start`] = node.startApp;
    tasks[`/${node.name}/realtime/kill`] = node.killRealtime;
    tasks[`/${node.name}/realtime/start`] = node.startRealtime;
  }
  const control = await startControl(CLUSTER.control, tasks);
  return async () => {
    await control.stop();
    await cluster.stop();
  };
}
