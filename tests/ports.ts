import { env } from "@/base/env";

const offset = env().testPortOffset;

/** Test tiers use their own ports, so `npm test` runs beside `npm run dev` (3000, 6001). */
export const testPorts = {
  integrationSoketi: 6101 + offset,
  integrationSoketiMetrics: 9701 + offset,
  e2eSoketi: 6201 + offset,
  e2eSoketiMetrics: 9801 + offset,
  e2eApp: 3100 + offset,
  smokeSoketi: 6301 + offset,
  smokeSoketiMetrics: 9901 + offset,
  smokeApp: 3200 + offset,
  integrationSmtp: 2125 + offset,
  integrationMailWeb: 2180 + offset,
  e2eSmtp: 2225 + offset,
  e2eMailWeb: 2280 + offset,
  smokeSmtp: 2325 + offset,
  smokeMailWeb: 2380 + offset,
  e2eOidc: 7201 + offset,
  /** A production server started with soketi's defaults, which must exit instead of listening for long. */
  e2eRefusedApp: 3300 + offset,
  /** The e2e web server's control endpoint (stops and restarts soketi for the outage spec). */
  e2eControl: 7301 + offset,
  /** `next dev` for the dev project, with a soketi of its own. */
  devApp: 3400 + offset,
  devSoketi: 6401 + offset,
  devSoketiMetrics: 9451 + offset,
} as const;

/** The e2e tier's database on the test server; shifted with the ports. */
export const e2eDatabaseName = offset ? `cohort_e2e_${offset}` : "cohort_e2e";

/** The PGlite smoke project's embedded data directory; shifted with the ports. */
export const smokePgliteDir = `.data/e2e-pglite-${offset}`;

export const testPusher = { appId: "cohort-test", key: "cohort-test-key", secret: "cohort-test-secret" } as const;
