import { randomUUID } from "node:crypto";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { lockCompanyMembership } from "@/db/locks";
import { courses, groupMembers, learningGroups, membershipEvents, notifications, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { takeOut } from "@/lib/membership/removal";
import { createNotifications } from "@/lib/notifications/service";
import { type Committed, once, storedResult } from "@/lib/operations";
import { assertCan } from "@/lib/permissions";
import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { assertActive, lockGroup } from "./lock";
import type { CreateGroupInput, GroupFields, UpdateGroupInput } from "./schemas";


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
async function assertNameFree(db: DatabaseOrTransaction, ctx: Ctx, name: string, exceptGroupId?: string) {
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
  if (clash) throw new AppError("name_taken", { name });
}

/** Another transaction can take the name between the check and the insert; the unique index decides. */
async function withNameGuard<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isUniqueViolation(error, "learning_groups_active_name_uq") ? new AppError("name_taken", { name }) : error;
  }
}

export async function createGroup(db: Database, ctx: Ctx, input: CreateGroupInput): Promise<Committed<{ groupId: string }>> {
  assertCan(ctx, "group.create");
  return withNameGuard(input.name, () =>
    db.transaction(async (tx) => {
      const { result } = await once(tx, ctx, { key: input.operationId, kind: "group.create" }, async () => {
        await assertCourseInCompany(tx, ctx, input.courseId);
        await assertNameFree(tx, ctx, input.name);
        const [group] = await tx
          .insert(learningGroups)
          .values({ ...fieldsOf(input), companyId: ctx.companyId, createdBy: ctx.userId, ownerId: ctx.userId })
          .returning({ id: learningGroups.id });
        await recordAudit(tx, ctx, { action: "group.created", targetType: "group", targetId: group!.id, details: fieldsOf(input) });
        return { groupId: group!.id };
      });
      return { result, events: [] };
    }),
  );
}

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

export async function updateGroup(db: Database, ctx: Ctx, input: UpdateGroupInput): Promise<Committed<null>> {
  assertCan(ctx, "group.edit");
  return withNameGuard(input.name, () =>
    db.transaction(async (tx) => {
      // Who may manage the group is settled before the operation id is claimed or replayed.
      const group = await lockGroup(tx, ctx, input.groupId, { manage: true });
      const { replayed } = await once(tx, ctx, { key: input.operationId, kind: "group.update" }, async () => {
        assertActive(group);
        await assertCourseInCompany(tx, ctx, input.courseId);
        if (input.name.toLowerCase() !== group.name.toLowerCase()) await assertNameFree(tx, ctx, input.name, group.id);
        if (input.maxMembers !== null) {
          const members = await memberCount(tx, group.id);
          if (input.maxMembers < members) throw new AppError("max_below_members", { max: input.maxMembers, members });
        }
        const fields = fieldsOf(input);
        await tx.update(learningGroups).set({ ...fields, updatedAt: new Date() }).where(eq(learningGroups.id, group.id));
        const before = fieldsOf(group);
        const changes = Object.fromEntries(
          Object.entries(fields).filter(([key, value]) => before[key as keyof typeof before] !== value),
        );
        await recordAudit(tx, ctx, { action: "group.updated", targetType: "group", targetId: group.id, details: { changes } });
        return null;
      });
      return { result: null, events: replayed ? [] : [changed(input.groupId, "updated")] };
    }),
  );
}

export async function archiveGroup(db: Database, ctx: Ctx, input: { groupId: string; operationId: string }) {
  assertCan(ctx, "group.archive");
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, ctx, input.groupId, { manage: true });
    const { replayed } = await once(tx, ctx, { key: input.operationId, kind: "group.archive" }, async () => {
      assertActive(group);
      await tx.update(learningGroups).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(learningGroups.id, group.id));
      await recordAudit(tx, ctx, { action: "group.archived", targetType: "group", targetId: group.id, details: { name: group.name } });
      return null;
    });
    return { result: null, events: replayed ? [] : [changed(input.groupId, "archived")] };
  });
}

export async function restoreGroup(db: Database, ctx: Ctx, input: { groupId: string; operationId: string }) {
  assertCan(ctx, "group.restore");
  return db.transaction(async (tx) => {
    // Restoring makes the kept members members of an active group again: a membership write, so
    // a deactivation in flight is waited for (see db/locks.ts) before we look at who is deactivated.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    const group = await lockGroup(tx, ctx, input.groupId, { manage: true });
    let revoked: RealtimeEvent[] = [];
    const { replayed } = await once(tx, ctx, { key: input.operationId, kind: "group.restore" }, async () => {
      if (!group.archivedAt) throw new AppError("group_not_archived", { name: group.name });
      try {
        await assertNameFree(tx, ctx, group.name);
      } catch {
        throw new AppError("restore_name_taken", { name: group.name });
      }
      const now = new Date();
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
      revoked = left.events;
      await recordAudit(tx, ctx, {
        action: "group.restored",
        targetType: "group",
        targetId: group.id,
        details: { name: group.name, deactivatedLeft: left.ended.length },
      });
      return null;
    });
    return { result: null, events: replayed ? [] : [...revoked, changed(input.groupId, "restored")] };
  });
}

/**
 * Deletes the group and what belongs to it (members, ledger, its notifications, by cascade).
 * Learners' progress, badges and certificates are theirs and stay. One audit row keeps the name
 * and the counts. The caller types the group's name to confirm.
 */
export async function deleteGroup(db: Database, ctx: Ctx, input: { groupId: string; operationId: string; confirmName: string }) {
  assertCan(ctx, "group.delete");
  const operation = { key: input.operationId, kind: "group.delete" };
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, ctx, input.groupId, { manage: true }).catch(async (error: unknown) => {
      // The group is gone: the caller's own delete of it, replayed, answers as the first time did.
      if (error instanceof AppError && error.code === "not_found" && (await storedResult(tx, ctx, operation))) return null;
      throw error;
    });
    if (!group) return { result: null, events: [] };
    const { replayed } = await once(tx, ctx, operation, async () => {
      if (input.confirmName.trim() !== group.name) throw new AppError("delete_name_mismatch", { name: group.name });
      const [counts] = await tx
        .select({
          members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${group.id})`,
          ledger: sql<number>`(select count(*)::int from ${membershipEvents} where ${membershipEvents.groupId} = ${group.id})`,
          notifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.groupId} = ${group.id})`,
        })
        .from(sql`(select 1) as one`);
      await tx.delete(learningGroups).where(eq(learningGroups.id, group.id));
      await recordAudit(tx, ctx, {
        action: "group.deleted",
        targetType: "group",
        targetId: null,
        details: { groupId: group.id, name: group.name, ...counts },
      });
      return null;
    });
    return { result: null, events: replayed ? [] : [changed(input.groupId, "deleted")] };
  });
}

/**
 * Takes ownership of a group of the company (an admin's act, on an archived group too, whose restore
 * and delete are the owner's): audited with the previous owner, who is told in a notification.
 * Taking a group one owns changes nothing.
 */
export async function takeOwnership(db: Database, ctx: Ctx, input: { groupId: string; operationId: string }) {
  assertCan(ctx, "group.takeOwnership");
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, ctx, input.groupId);
    let told: RealtimeEvent[] = [];
    const { replayed } = await once(tx, ctx, { key: input.operationId, kind: "group.takeOwnership" }, async () => {
      if (group.ownerId === ctx.userId) return null;
      await tx.update(learningGroups).set({ ownerId: ctx.userId, updatedAt: new Date() }).where(eq(learningGroups.id, group.id));
      await recordAudit(tx, ctx, {
        action: "group.ownership_taken",
        targetType: "group",
        targetId: group.id,
        details: { previousOwnerId: group.ownerId, visibility: group.visibility },
      });
      const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId));
      if (!actor) throw notFound();
      told = await createNotifications(tx, [
        {
          companyId: ctx.companyId,
          userId: group.ownerId,
          groupId: group.id,
          type: "group.ownershipTaken",
          payload: { groupName: group.name, actorName: actor.name },
        },
      ]);
      return null;
    });
    return { result: null, events: replayed ? [] : [changed(input.groupId, "owner"), ...told] };
  });
}
