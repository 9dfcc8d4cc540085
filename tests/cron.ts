import { reloadEnv } from "@/base/env";

/** The scheduler's secret the tests set (the server refuses shorter ones). */
export const TEST_CRON_SECRET = "a-test-cron-secret-of-some-length";

/** Sets the scheduler's secret (undefined: none) and reloads the environment that reads it. */
export function setCronSecret(value: string | undefined): void {
  if (value === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = value;
  reloadEnv();
}

/** Runs `work` with the test secret set, then puts back the one before. */
export async function withCronSecret<T>(work: (secret: string) => Promise<T>): Promise<T> {
  const previous = process.env.CRON_SECRET;
  setCronSecret(TEST_CRON_SECRET);
  try {
    return await work(TEST_CRON_SECRET);
  } finally {
    setCronSecret(previous);
  }
}
