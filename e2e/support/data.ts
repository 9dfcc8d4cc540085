import { and, asc, eq, isNull, like, notInArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { learningGroups, users } from "@/db/schema";
import { demoAccounts } from "@/scripts/seed/accounts";
import { createNotifications } from "@/lib/notifications/sql";
import { publish } from "@/lib/realtime/server";

export async function findUser(db: Database, email: string) {
  const [user] = await db
    .select({ id: users.id, companyId: users.companyId, roles: users.roles })
    .from(users)
    .where(eq(users.email, email));
  if (!user) throw new Error(`seeded user ${email} is missing`);
  return { ...user, userId: user.id };
}

export async function findGroup(db: Database, name: string) {
  const [group] = await db
    .select({ id: learningGroups.id })
    .from(learningGroups)
    .where(and(eq(learningGroups.name, name), isNull(learningGroups.archivedAt)));
  if (!group) throw new Error(`seeded group ${name} is missing`);
  return group;
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

/**
 * A seeded learner no other spec uses, one per Playwright project, so parallel specs never count
 * each other's notifications.
 */
export async function findSpareLearner(db: Database, index: number) {
  const [learner] = await db
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        sql`cardinality(${users.roles}) = 0`,
        like(users.email, "%@acme.example"),
        notInArray(
          users.email,
          demoAccounts.map((a) => a.email),
        ),
      ),
    )
    .orderBy(asc(users.email))
    .offset(index)
    .limit(1);
  if (!learner) throw new Error("the seed has too few learners");
  return { ...(await findUser(db, learner.email)), email: learner.email };
}
