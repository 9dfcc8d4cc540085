import { runInput } from "@/lib/cron/system";
import { defineOperation } from "@/lib/operations/kernel";
import { checkFigures } from "@/lib/statistics/figures";
import { CATCH_UP_DAYS, rollupDay } from "@/lib/statistics/rollup";

/**
 * One company's daily figures: its yesterday for every group, and the days of the last week a missed
 * run left without rows, as of the operation's `now`. Idempotent in itself too (rows are overwritten).
 * With them, the maintained figures checked against a recount (any drift set right and counted).
 */
export const rollupCompany = defineOperation({
  kind: "system.rollup",
  permission: "system.rollup",
  input: runInput,
  run: async ({ tx, ctx, now }) => {
    const rollup = await rollupDay(tx, { now, catchUpDays: CATCH_UP_DAYS }, { companyId: ctx.companyId });
    return { result: { ...rollup, drifted: await checkFigures(tx, ctx.companyId) } };
  },
});
