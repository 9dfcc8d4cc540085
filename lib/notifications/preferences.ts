import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { NotificationLevel } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { getGroupAccess } from "@/lib/groups/access";
import { once } from "@/lib/operations/legacy";

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

/**
 * Sets the caller's level for a group they can read (also an archived one: the setting is theirs,
 * not the group's); null goes back to their default. Setting the same level again changes nothing.
 */
export async function setGroupLevel(
  db: Database,
  ctx: Ctx,
  input: { groupId: string; level: NotificationLevel | null; operationId?: string },
): Promise<GroupLevel> {
  return db.transaction(async (tx) => {
    const write = async () => {
      await assertReadable(tx, ctx, input.groupId);
      await tx.execute(
        input.level === null
          ? sql`delete from group_notification_settings where user_id = ${ctx.userId} and group_id = ${input.groupId}`
          : sql`insert into group_notification_settings (user_id, group_id, company_id, level)
                values (${ctx.userId}, ${input.groupId}, ${ctx.companyId}, ${input.level})
                on conflict (user_id, group_id) do update set level = excluded.level`,
      );
      return getGroupLevel(tx, ctx, input.groupId);
    };
    if (!input.operationId) return write();
    return (await once(tx, ctx, { key: input.operationId, kind: "notifications.groupLevel" }, write)).result;
  });
}

/** The caller's default level, for groups they have not set otherwise (profile page). */
export async function getDefaultLevel(db: DatabaseOrTransaction, ctx: Ctx): Promise<NotificationLevel> {
  const [row] = await queryRows<{ level: NotificationLevel }>(
    db,
    sql`select group_notification_default as level from users where id = ${ctx.userId} and company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row.level;
}

export async function setDefaultLevel(db: DatabaseOrTransaction, ctx: Ctx, level: NotificationLevel): Promise<NotificationLevel> {
  const [row] = await queryRows<{ level: NotificationLevel }>(
    db,
    sql`update users set group_notification_default = ${level} where id = ${ctx.userId} and company_id = ${ctx.companyId}
        returning group_notification_default as level`,
  );
  if (!row) throw notFound();
  return row.level;
}
