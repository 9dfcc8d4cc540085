import { runInput } from "@/lib/cron/system";
import { pruneReadNotifications } from "@/lib/notifications/retention";
import { defineOperation } from "@/lib/operations/kernel";

/** One batch of one company's read notifications past their retention (`lib/notifications/retention.ts`). */
export const pruneNotifications = defineOperation({
  kind: "system.retention",
  permission: "system.retention",
  input: runInput,
  run: async ({ tx, ctx, now }) => ({ result: { deleted: await pruneReadNotifications(tx, ctx.companyId, now) } }),
});
