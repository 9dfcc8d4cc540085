import { env } from "@/base/env";

/** The cluster spec's own database on the test server (`TEST_DATABASE_URL`), made afresh per run. */
export function clusterTestDatabaseUrl(): string {
  const server = env().testDatabaseUrl;
  if (!server) throw new Error("The cluster spec needs TEST_DATABASE_URL (a PostgreSQL server); `.ci/run` sets it.");
  const url = new URL(server);
  url.pathname = "/cohort_cluster_test";
  return url.toString();
}
