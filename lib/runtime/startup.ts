import { assertProductionReady } from "@/base/env";

/** Ends the process before it serves anything when production is configured with public or missing secrets. */
export function refuseUnsafeProduction(): void {
  try {
    assertProductionReady();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
