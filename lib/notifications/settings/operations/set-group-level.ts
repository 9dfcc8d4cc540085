import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { granted, requireGroupAccess } from "@/lib/group-access/access";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { bellChanged } from "../../events";
import { levelSchema } from "../levels";
import { type GroupLevel, getGroupLevel } from "../queries";

/**
 * Sets the caller's level for a group they can read (also an archived one: the setting is theirs,
 * not the group's); null goes back to their default. Setting the same level again changes nothing.
 */
export const setGroupLevel = defineOperation({
  kind: "notifications.groupLevel",
  permission: "notifications.manage",
  input: z.object({ groupId: z.uuid(), level: levelSchema.nullable(), operationId: z.uuid() }),
  run: async ({ tx, ctx, input }): Promise<Committed<GroupLevel>> => {
    const access = granted(ctx, await requireGroupAccess(tx, ctx, input.groupId), "canRead");
    await tx.execute(
      input.level === null
        ? sql`delete from group_notification_settings where user_id = ${ctx.userId} and group_id = ${input.groupId}`
        : sql`insert into group_notification_settings (user_id, group_id, company_id, level)
              values (${ctx.userId}, ${input.groupId}, ${ctx.companyId}, ${input.level})
              on conflict (user_id, group_id) do update set level = excluded.level`,
    );
    // The bell counts this group's chat by the level: it refetches.
    return { result: await getGroupLevel(tx, ctx, access), events: [bellChanged(ctx.userId)] };
  },
});
