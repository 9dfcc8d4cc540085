import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * A person's chat notification level in a group: the group's own setting, else their default.
 * `user` is the alias of a `users` row in the caller's statement.
 */
export function effectiveLevelSql(user: string, groupId: string | SQL): SQL {
  const alias = sql.identifier(user);
  return sql`coalesce(
    (select s.level from group_notification_settings s where s.user_id = ${alias}.id and s.group_id = ${groupId}),
    ${alias}.group_notification_default)`;
}
