import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type NotificationLevel, notificationLevelEnum } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { getGroupAccess } from "@/lib/group-access/access";
import { type Committed, defineOperation } from "@/lib/operations/kernel";

/**
 * A person's chat notification level in a group: the group's own setting, else their default.
 * `user` is the alias of a `users` row in the caller's statement.
 */
export function effectiveLevelSql(user: string, groupId: string): SQL {
  const alias = sql.identifier(user);
  return sql`coalesce(
    (select s.level from group_notification_settings s where s.user_id = ${alias}.id and s.group_id = ${groupId}),
    ${alias}.group_notification_default)`;
}

export type GroupLevel = {
  /** The group's own setting; null when the person's default applies. */
  level: NotificationLevel | null;
  defaultLevel: NotificationLevel;
  effective: NotificationLevel;
};

async function assertReadable(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<void> {
  if (!(await getGroupAccess(db, ctx, groupId))?.canRead) throw notFound();
}

/** The caller's level for a group they can read. */
export async function getGroupLevel(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<GroupLevel> {
  await assertReadable(db, ctx, groupId);
  const [row] = await queryRows<GroupLevel>(
    db,
    sql`select s.level, u.group_notification_default as "defaultLevel", ${effectiveLevelSql("u", groupId)} as effective
        from users u
        left join group_notification_settings s on s.user_id = u.id and s.group_id = ${groupId}
        where u.id = ${ctx.userId} and u.company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row;
}

const levelSchema = z.enum(notificationLevelEnum.enumValues);

/**
 * Sets the caller's level for a group they can read (also an archived one: the setting is theirs,
 * not the group's); null goes back to their default. Setting the same level again changes nothing.
 */
export const setGroupLevel = defineOperation({
  kind: "notifications.groupLevel",
  permission: "notifications.manage",
  input: z.object({ groupId: z.uuid(), level: levelSchema.nullable(), operationId: z.uuid() }),
  run: async ({ tx, ctx, input }): Promise<Committed<GroupLevel>> => {
    await assertReadable(tx, ctx, input.groupId);
    await tx.execute(
      input.level === null
        ? sql`delete from group_notification_settings where user_id = ${ctx.userId} and group_id = ${input.groupId}`
        : sql`insert into group_notification_settings (user_id, group_id, company_id, level)
              values (${ctx.userId}, ${input.groupId}, ${ctx.companyId}, ${input.level})
              on conflict (user_id, group_id) do update set level = excluded.level`,
    );
    return { result: await getGroupLevel(tx, ctx, input.groupId) };
  },
});

/** The caller's default level, for groups they have not set otherwise (profile page). */
export async function getDefaultLevel(db: DatabaseOrTransaction, ctx: Ctx): Promise<NotificationLevel> {
  const [row] = await queryRows<{ level: NotificationLevel }>(
    db,
    sql`select group_notification_default as level from users where id = ${ctx.userId} and company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row.level;
}

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
    return { result: row.level };
  },
});
