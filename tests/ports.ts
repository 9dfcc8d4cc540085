/** Test tiers use their own ports, so `npm test` runs beside `npm run dev` (3000, 6001). */
export const testPorts = {
  integrationSoketi: 6101,
  integrationSoketiMetrics: 9701,
  e2eSoketi: 6201,
  e2eSoketiMetrics: 9801,
  e2eApp: 3100,
} as const;

export const testPusher = { appId: "cohort-test", key: "cohort-test-key", secret: "cohort-test-secret" } as const;
