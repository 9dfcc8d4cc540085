import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { log } from "@/base/log";
import { getPusher } from "@/lib/realtime/server";
import { recentFigureDrift } from "@/lib/statistics/figures";

type Check = "ok" | "down";

async function check(name: string, probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return "ok";
  } catch (error) {
    log.warn("health check failed", { check: name, error });
    return "down";
  }
}

/**
 * Database and realtime server reachable? 200 when both are, 503 otherwise. With them, the drift the
 * daily figures check repaired in the last day (`figureDrift`, null when it cannot be read): not an
 * outage, but a bug worth an alert when it is not zero.
 */
export async function handleHealth(): Promise<Response> {
  const [database, realtime, figureDrift] = await Promise.all([
    check("database", () => getDb().execute(sql`select 1`)),
    check("realtime", async () => {
      const response = await getPusher().get({ path: "/channels" });
      if (!response.ok) throw new Error(`realtime answered ${response.status}`);
    }),
    recentFigureDrift(getDb()).catch(() => null),
  ]);
  const healthy = database === "ok" && realtime === "ok";
  return Response.json({ status: healthy ? "ok" : "degraded", database, realtime, figureDrift }, { status: healthy ? 200 : 503 });
}
