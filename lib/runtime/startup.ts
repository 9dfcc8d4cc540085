import "server-only";
import { assertProductionReady, env } from "@/base/env";
import { getDb } from "@/db/client";
import { appRoleRefusal } from "@/db/company";

/**
 * Ends the process before it serves anything when production is configured with public or missing
 * secrets, or when its database connections would not be walled by row-level security (their
 * effective role is a superuser or bypasses it: the wall would be silently off).
 */
export async function refuseUnsafeProduction(): Promise<void> {
  try {
    assertProductionReady();
    if (env().production) {
      const refusal = await appRoleRefusal(getDb());
      if (refusal) throw new Error(`Refusing to run in production: ${refusal}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
