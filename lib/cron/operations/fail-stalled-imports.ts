import { z } from "zod";
import { failStalledJobs } from "@/lib/hr/import/sql";
import { defineOperation } from "@/lib/operations/kernel";

/**
 * One company's HR imports that a restart cut off (running, not moved for `STALLED_AFTER_MS`),
 * marked failed with `import_interrupted` as of the operation's `now`: one statement, and a job
 * already settled is no longer running, so a second run changes nothing. The page showed them as
 * stalled meanwhile (its read computes that and writes nothing).
 */
export const failStalledImports = defineOperation({
  kind: "system.imports",
  permission: "system.imports",
  input: z.object({ operationId: z.uuid() }),
  run: async ({ tx, ctx, now }) => ({ result: { failed: await failStalledJobs(tx, ctx.companyId, now) } }),
});
