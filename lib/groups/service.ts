import { randomUUID } from "node:crypto";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { lockCompanyMembership } from "@/db/locks";
import { courses, groupMembers, learningGroups, membershipEvents, notifications, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { takeOut } from "@/lib/membership/removal";
import { createNotifications } from "@/lib/notifications/sql";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { assertActive, lockGroup } from "./lock";
import { createGroupSchema, deleteGroupSchema, type GroupFields, groupOperationSchema, updateGroupSchema } from "./schemas";

const changed = (groupId: string, change: string): RealtimeEvent => ({
  channels: [groupChannel(groupId)],
  event: realtimeEvents.groupChanged,
  data: { groupId, change },
});

async function assertCourseInCompany(db: DatabaseOrTransaction, ctx: Ctx, courseId: string | null): Promise<void> {
  if (!courseId) return;
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.id, courseId), eq(courses.companyId, ctx.companyId)));
  if (!course) throw new AppError("course_not_found");
}

/** Names are unique among the company's active groups, regardless of case. */
async function nameTaken(db: DatabaseOrTransaction, ctx: Ctx, name: string, exceptGroupId?: string): Promise<boolean> {
  const [clash] = await db
    .select({ id: learningGroups.id })
    .from(learningGroups)
    .where(
      and(
        eq(learningGroups.companyId, ctx.companyId),
        isNull(learningGroups.archivedAt),
        sql`lower(${learningGroups.name}) = lower(${name})`,
        exceptGroupId ? ne(learningGroups.id, exceptGroupId) : undefined,
      ),
    );
  return clash !== undefined;
}

/** Another transaction can take the name between the check and the insert; the unique index decides. */
const nameGuard = (error: unknown, input: { name: string }) =>
  isUniqueViolation(error, "learning_groups_active_name_uq") ? new AppError("name_taken", { name: input.name }) : error;

/** Who may manage the group is settled, with its row locked, before the operation id is claimed or replayed. */
const manageLocked = (tx: DatabaseOrTransaction, ctx: Ctx, input: { groupId: string }) =>
  lockGroup(tx, ctx, input.groupId, { manage: true });

export const createGroup = defineOperation({
  kind: "group.create",
  permission: "group.create",
  input: createGroupSchema,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, audit }) => {
    await assertCourseInCompany(tx, ctx, input.courseId);
    if (await nameTaken(tx, ctx, input.name)) throw new AppError("name_taken", { name: input.name });
    const [group] = await tx
      .insert(learningGroups)
      .values({ ...fieldsOf(input), companyId: ctx.companyId, createdBy: ctx.userId, ownerId: ctx.userId })
      .returning({ id: learningGroups.id });
    await audit({ action: "group.created", targetType: "group", targetId: group!.id, details: fieldsOf(input) });
    return { result: { groupId: group!.id } };
  },
});

function fieldsOf(input: GroupFields) {
  return {
    name: input.name,
    description: input.description,
    courseId: input.courseId,
    maxMembers: input.maxMembers,
    visibility: input.visibility,
  };
}

export async function memberCount(db: DatabaseOrTransaction, groupId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return row?.value ?? 0;
}

export const updateGroup = defineOperation({
  kind: "group.update",
  permission: "group.edit",
  input: updateGroupSchema,
  locks: manageLocked,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, now, locked: group, audit }) => {
    assertActive(group);
    await assertCourseInCompany(tx, ctx, input.courseId);
    if (input.name.toLowerCase() !== group.name.toLowerCase() && (await nameTaken(tx, ctx, input.name, group.id))) {
      throw new AppError("name_taken", { name: input.name });
    }
    if (input.maxMembers !== null) {
      const members = await memberCount(tx, group.id);
      if (input.maxMembers < members) throw new AppError("max_below_members", { max: input.maxMembers, members });
    }
    const fields = fieldsOf(input);
    await tx
      .update(learningGroups)
      .set({ ...fields, updatedAt: now })
      .where(eq(learningGroups.id, group.id));
    const before = fieldsOf(group);
    const changes = Object.fromEntries(Object.entries(fields).filter(([key, value]) => before[key as keyof typeof before] !== value));
    await audit({ action: "group.updated", targetType: "group", targetId: group.id, details: { changes } });
    return { result: null, events: [changed(group.id, "updated")] };
  },
});

export const archiveGroup = defineOperation({
  kind: "group.archive",
  permission: "group.archive",
  input: groupOperationSchema,
  locks: manageLocked,
  run: async ({ tx, now, locked: group, audit }) => {
    assertActive(group);
    await tx.update(learningGroups).set({ archivedAt: now, updatedAt: now }).where(eq(learningGroups.id, group.id));
    await audit({ action: "group.archived", targetType: "group", targetId: group.id, details: { name: group.name } });
    return { result: null, events: [changed(group.id, "archived")] };
  },
});

export const restoreGroup = defineOperation({
  kind: "group.restore",
  permission: "group.restore",
  input: groupOperationSchema,
  locks: async (tx, ctx, input) => {
    // Restoring makes the kept members members of an active group again: a membership write, so
    // a deactivation in flight is waited for (see db/locks.ts) before we look at who is deactivated.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return manageLocked(tx, ctx, input);
  },
  run: async ({ tx, ctx, now, locked: group, audit }) => {
    if (!group.archivedAt) throw new AppError("group_not_archived", { name: group.name });
    if (await nameTaken(tx, ctx, group.name)) throw new AppError("restore_name_taken", { name: group.name });
    await tx.update(learningGroups).set({ archivedAt: null, updatedAt: now }).where(eq(learningGroups.id, group.id));
    // The archive kept the member list as it was; people deactivated since leave now, as they left
    // every active group when they were deactivated.
    const left = await takeOut(
      tx,
      ctx,
      sql`group_id = ${group.id} and user_id in (
            select id from users where company_id = ${ctx.companyId} and deactivated_at is not null)`,
      { batchId: randomUUID(), now, source: "deactivation", sourceLabel: null },
    );
    await audit({
      action: "group.restored",
      targetType: "group",
      targetId: group.id,
      details: { name: group.name, deactivatedLeft: left.ended.length },
    });
    return { result: null, events: [...left.events, changed(group.id, "restored")] };
  },
});

/**
 * Deletes the group and what belongs to it (members, ledger, its notifications, by cascade).
 * Learners' progress, badges and certificates are theirs and stay. One audit row keeps the name
 * and the counts. The caller types the group's name to confirm. Replayed once the group is gone, the
 * caller's own delete answers as the first time did (the kernel's rule for a resource its operation removed).
 */
export const deleteGroup = defineOperation({
  kind: "group.delete",
  permission: "group.delete",
  input: deleteGroupSchema,
  locks: manageLocked,
  run: async ({ tx, input, locked: group, audit }) => {
    if (input.confirmName.trim() !== group.name) throw new AppError("delete_name_mismatch", { name: group.name });
    const [counts] = await tx
      .select({
        members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${group.id})`,
        ledger: sql<number>`(select count(*)::int from ${membershipEvents} where ${membershipEvents.groupId} = ${group.id})`,
        notifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.groupId} = ${group.id})`,
      })
      .from(sql`(select 1) as one`);
    await tx.delete(learningGroups).where(eq(learningGroups.id, group.id));
    await audit({
      action: "group.deleted",
      targetType: "group",
      targetId: null,
      details: { groupId: group.id, name: group.name, ...counts },
    });
    return { result: null, events: [changed(group.id, "deleted")] };
  },
});

/**
 * Takes ownership of a group of the company (an admin's act, on an archived group too, whose restore
 * and delete are the owner's): audited with the previous owner, who is told in a notification.
 * Taking a group one owns changes nothing.
 */
export const takeOwnership = defineOperation({
  kind: "group.takeOwnership",
  permission: "group.takeOwnership",
  input: groupOperationSchema,
  locks: (tx, ctx, input) => lockGroup(tx, ctx, input.groupId),
  run: async ({ tx, ctx, now, locked: group, audit }) => {
    if (group.ownerId === ctx.userId) return { result: null, events: [changed(group.id, "owner")] };
    await tx.update(learningGroups).set({ ownerId: ctx.userId, updatedAt: now }).where(eq(learningGroups.id, group.id));
    await audit({
      action: "group.ownership_taken",
      targetType: "group",
      targetId: group.id,
      details: { previousOwnerId: group.ownerId, visibility: group.visibility },
    });
    const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId));
    if (!actor) throw notFound();
    const told = await createNotifications(tx, [
      {
        companyId: ctx.companyId,
        userId: group.ownerId,
        groupId: group.id,
        type: "group.ownershipTaken",
        payload: { groupName: group.name, actorName: actor.name },
      },
    ]);
    return { result: null, events: [changed(group.id, "owner"), ...told] };
  },
});
