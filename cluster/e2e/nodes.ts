import { callControl } from "@/e2e/support/control";
import { CLUSTER, type ClusterNodeName } from "../topology";

/** A node of the running cluster, as the spec controls it (through the global set-up's endpoint). */
export function node(name: ClusterNodeName) {
  const call = (path: string) => callControl(CLUSTER.control, `/${name}${path}`);
  const topology = CLUSTER.nodes.find((n) => n.name === name)!;
  return {
    name,
    /** The instance itself, past the balancer. */
    appUrl: `http://127.0.0.1:${topology.app}`,
    /** What the balancer's X-Cohort-Upstream names when this instance answered. */
    appAddress: `127.0.0.1:${topology.app}`,
    killApp: () => call("/app/kill"),
    startApp: () => call("/app/start"),
    killRealtime: () => call("/realtime/kill"),
    startRealtime: () => call("/realtime/start"),
    /** The WebSocket connections this soketi node holds now (its Prometheus gauge). */
    connections: async (): Promise<number> => {
      const text = await (await fetch(`http://127.0.0.1:${topology.realtimeMetrics}/metrics`)).text();
      return text
        .split("\n")
        .filter((line) => line.startsWith("soketi_connected"))
        .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
    },
  };
}

export const a = node("a");
export const b = node("b");
