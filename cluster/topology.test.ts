import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLUSTER } from "./topology";

const conf = readFileSync(new URL("./nginx.conf", import.meta.url), "utf8");

/** The loopback ports of the `server` lines of one upstream block. */
function upstream(name: string): number[] {
  const block = new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(conf);
  if (!block) throw new Error(`nginx.conf has no upstream ${name}`);
  return [...block[1]!.matchAll(/server 127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
}

describe("the cluster's balancer config", () => {
  it("listens where the topology says, and balances its nodes", () => {
    const listens = [...conf.matchAll(/listen 127\.0\.0\.1:(\d+);/g)].map((match) => Number(match[1]));
    expect(listens).toEqual([CLUSTER.balancer.app, CLUSTER.balancer.realtime]);
    const [a, b] = CLUSTER.nodes;
    expect(upstream("app_any")).toEqual([a!.app, b!.app]);
    expect(upstream("realtime_any")).toEqual([a!.realtime, b!.realtime]);
  });

  it("pins a browser to its node, with the other as the backup", () => {
    for (const [own, other] of [CLUSTER.nodes, [...CLUSTER.nodes].reverse()]) {
      expect(upstream(`app_${own!.name}`)).toEqual([own!.app, other!.app]);
      expect(upstream(`realtime_${own!.name}`)).toEqual([own!.realtime, other!.realtime]);
      expect(conf).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${other!.app} backup;`));
    }
  });
});
