import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { createNotifications } from "@/lib/notifications/sql";
import { publish } from "@/lib/realtime/server";

export async function findUser(db: Database, email: string) {
  const [user] = await db
    .select({ id: users.id, companyId: users.companyId, roles: users.roles })
    .from(users)
    .where(eq(users.email, email));
  if (!user) throw new Error(`seeded user ${email} is missing`);
  return { ...user, userId: user.id, email };
}

/** What a later feature will do when it adds someone to a group: commit the notification, then publish. */
export async function notifyAddedToGroup(db: Database, user: { id: string; companyId: string }, groupName: string) {
  const events = await db.transaction((tx) =>
    createNotifications(tx, [
      { companyId: user.companyId, userId: user.id, type: "group.added", payload: { groupName, actorName: "Dana Admin" } },
    ]),
  );
  await publish(events);
}
