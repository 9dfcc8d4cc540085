import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import type { NotificationLevel } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { bellChanged } from "../../events";
import { levelSchema } from "../levels";

/** Sets the caller's default level (profile page). */
export const setDefaultLevel = defineOperation({
  kind: "notifications.defaultLevel",
  permission: "notifications.manage",
  input: z.object({ level: levelSchema, operationId: z.uuid() }),
  run: async ({ tx, ctx, input }): Promise<Committed<NotificationLevel>> => {
    const [row] = await queryRows<{ level: NotificationLevel }>(
      tx,
      sql`update users set group_notification_default = ${input.level} where id = ${ctx.userId} and company_id = ${ctx.companyId}
          returning group_notification_default as level`,
    );
    if (!row) throw notFound();
    return { result: row.level, events: [bellChanged(ctx.userId)] };
  },
});
