import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { NotificationLevel } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { effectiveLevelSql } from "./sql";

export type GroupLevel = {
  /** The group's own setting; null when the person's default applies. */
  level: NotificationLevel | null;
  defaultLevel: NotificationLevel;
  effective: NotificationLevel;
};

/** The caller's level for a group they can read: its chat settings exist for them only then. */
export async function getGroupLevel(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<GroupLevel> {
  const groupId = granted(ctx, access, "canRead").groupId;
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

/** The caller's default level, for groups they have not set otherwise (profile page). */
export async function getDefaultLevel(db: DatabaseOrTransaction, ctx: Ctx): Promise<NotificationLevel> {
  const [row] = await queryRows<{ level: NotificationLevel }>(
    db,
    sql`select group_notification_default as level from users where id = ${ctx.userId} and company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row.level;
}
