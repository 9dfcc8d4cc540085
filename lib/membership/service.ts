import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { LearningGroup } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { applyGroupRules, queuedMail, waiveOnRemoval } from "@/lib/assignments/sql";
import { assignedEvents, assignmentChanged } from "@/lib/assignments/events";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertActive, readGroup } from "@/lib/groups/lock";
import { memberCount } from "@/lib/groups/service";
import { notificationFanOut } from "@/lib/notifications/events";
import type { NotificationPayloads, NotificationType } from "@/lib/notifications/types";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { candidatesSql } from "./candidates";
import { type RemovalLedger, takeOut } from "./removal";
import { addMembersSchema, moveMembersSchema, removeMembersSchema, type Selection } from "./schemas";

export type AddPreview = {
  /** People the selection names in this company. */
  selected: number;
  toAdd: number;
  alreadyMembers: number;
  /** Deactivated people are never added. */
  deactivated: number;
  /** Places taken now, and the group's maximum (null: no maximum). */
  taken: number;
  max: number | null;
};

export type AddResult = { added: number; alreadyMembers: number; deactivated: number };
export type RemoveResult = { removed: number };
export type MoveResult = { moved: number; alreadyInTarget: number };

/**
 * The group, if the caller may change its members now (`manageGroupSql`, read with the row: a
 * private group is its owner's) and it is active. Locked unless `lock: false` (a preview, or the
 * check made before an operation id is replayed).
 */
async function manageableGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, lock = true): Promise<LearningGroup> {
  const group = await readGroup(tx, ctx, groupId, { lock, manage: true });
  assertActive(group);
  return group;
}

export async function actorName(db: DatabaseOrTransaction, ctx: Ctx): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from users where id = ${ctx.userId}`);
  return row?.name ?? "";
}

async function classify(db: DatabaseOrTransaction, ctx: Ctx, group: LearningGroup, selection: Selection): Promise<AddPreview> {
  const candidates = await candidatesSql(db, ctx, group.id, selection);
  const [row] = await queryRows<Omit<AddPreview, "max">>(
    db,
    sql`with candidates as (${candidates}),
      classified as (
        select (u.deactivated_at is not null) as deactivated,
               exists (select 1 from group_members m where m.group_id = ${group.id} and m.user_id = c.user_id) as member
        from (select distinct on (user_id) * from candidates) c join users u on u.id = c.user_id
      )
      select count(*)::int as selected,
             (count(*) filter (where not member and not deactivated))::int as "toAdd",
             (count(*) filter (where member))::int as "alreadyMembers",
             (count(*) filter (where deactivated and not member))::int as deactivated,
             (select count(*)::int from group_members where group_id = ${group.id}) as taken
      from classified`,
  );
  return { ...row!, max: group.maxMembers };
}

/** What Confirm would do: the counts the add-members dialog shows before anything changes. */
export async function previewAddMembers(db: Database, ctx: Ctx, groupId: string, selection: Selection): Promise<AddPreview> {
  const group = await manageableGroup(db, ctx, groupId, false);
  return classify(db, ctx, group, selection);
}

export function fanOut<T extends NotificationType>(
  userIds: string[],
  notification: { key: string; type: T; payload: NotificationPayloads[T]; groupId: string | null; createdAt: Date },
) {
  return notificationFanOut(userIds, { ...notification, readAt: null, createdAt: notification.createdAt.toISOString() });
}

export const membershipChanged = (groupId: string) => ({
  channels: [groupChannel(groupId)],
  event: realtimeEvents.membershipChanged,
  data: { groupId },
});

/**
 * Adds everyone the selection names who is active and not yet a member, in one transaction and a
 * fixed number of statements however many people: members, ledger rows and notifications are
 * written by one statement (an INSERT … SELECT and two INSERTs fed by its RETURNING). Over the
 * maximum, nothing is added and the numbers are reported.
 */
export const addMembers = defineOperation({
  kind: "membership.add",
  permission: "group.manageMembers",
  input: addMembersSchema,
  // A re-submitted form is answered from the stored result before any lock or transaction, once the
  // caller is found still allowed to manage the group.
  authorize: (db, ctx, input) => manageableGroup(db, ctx, input.groupId, false),
  locks: async (tx, ctx, input) => {
    // First: before the reads of who is active, and before any row is locked, so that waiting here
    // for a deactivation can never close a cycle of waits.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return manageableGroup(tx, ctx, input.groupId);
  },
  run: async ({ tx, ctx, input, now, locked: group, audit }): Promise<Committed<AddResult>> => {
    const batchId = randomUUID();
    const preview = await classify(tx, ctx, group, input.selection);
    if (preview.max !== null && preview.taken + preview.toAdd > preview.max) {
      throw new AppError("group_full", { taken: preview.taken, max: preview.max, selected: preview.toAdd });
    }
    const actor = await actorName(tx, ctx);
    const candidates = await candidatesSql(tx, ctx, group.id, input.selection);
    const inserted = await queryRows<{ user_id: string }>(
      tx,
      insertMembershipsSql(
        ctx,
        sql`select distinct on (c.user_id) ${group.id}::uuid as group_id, c.user_id, c.source, c.source_label, lower(u.name) as sort_name
            from (${candidates}) c join users u on u.id = c.user_id where u.deactivated_at is null`,
        { batchId, now, actorName: actor, notificationKey: sql`${batchId}::text` },
      ),
    );
    const addedIds = inserted.map((row) => row.user_id);
    // The group's assignment rules reach the newcomers: one more statement, fed by the ids just inserted.
    const assigned = await applyGroupRules(tx, ctx, group.id, addedIds, now, batchId);
    const result: AddResult = { added: addedIds.length, alreadyMembers: preview.alreadyMembers, deactivated: preview.deactivated };
    await audit({
      action: "group.members_added",
      targetType: "group",
      targetId: group.id,
      batchId,
      details: { mode: input.selection.mode, ...result },
    });
    if (addedIds.length === 0) return { result };
    return {
      result,
      events: [
        fanOut(addedIds, {
          key: batchId,
          type: "group.added",
          payload: { groupName: group.name, actorName: actor },
          groupId: group.id,
          createdAt: now,
        }),
        membershipChanged(group.id),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
      ],
      outbox: queuedMail(assigned),
    };
  },
});

/**
 * The one statement that puts people into groups: the memberships (an INSERT … SELECT from
 * `eligible`, skipping who is already a member), their ledger rows and an "added to group"
 * notification each, the last two fed by the first's RETURNING, so a batch never travels through
 * Node. `eligible` yields `group_id, user_id, source, source_label, sort_name`, one row per
 * membership; sort_name is given there, from a join with users the caller makes anyway, so that the
 * trigger that would fill it (migration 0005) is not called 10,000 times. `notificationKey` is an
 * expression over the inserted row `i` (e.g. `i.group_id`), unique per person and batch. Selects the
 * `group_id, user_id` of the memberships it added. `announce: false` leaves the notifications out, for
 * a caller that sends one notification of its own (HR's new hire: one welcome listing everything).
 */
export function insertMembershipsSql(
  ctx: Ctx,
  eligible: SQL,
  batch: { batchId: string; now: Date; actorName: string; notificationKey: SQL; announce?: boolean },
): SQL {
  return sql`with eligible as (${eligible}),
    inserted as (
      insert into group_members (group_id, user_id, company_id, added_by, source, source_label, added_at, sort_name)
      select group_id, user_id, ${ctx.companyId}, ${ctx.userId}, source, source_label, ${batch.now}, sort_name
      from eligible on conflict do nothing
      returning group_id, user_id, source, source_label
    ),
    ledger as (
      insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, source_label, batch_id, at)
      select ${ctx.companyId}, group_id, user_id, 'added', ${ctx.userId}, source, source_label, ${batch.batchId}, ${batch.now}
      from inserted
    ),
    notified as (${insertNotificationsSql({
      companyId: ctx.companyId,
      from: sql`inserted i join learning_groups g on g.id = i.group_id`,
      userId: sql`i.user_id`,
      type: "group.added",
      payload: { groupName: sql<string>`g.name`, actorName: batch.actorName },
      groupId: sql<string>`i.group_id`,
      key: sql<string>`(${batch.notificationKey})`,
      createdAt: batch.now,
      where: sql`${batch.announce ?? true}::boolean`,
    })})
    select group_id, user_id from inserted`;
}

/** Takes people out of one group, writing the ledger; returns who actually left, and the epoch's events. */
async function takeOutOf(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  group: LearningGroup,
  userIds: readonly string[],
  ledger: RemovalLedger,
): Promise<{ left: string[]; revoked: RealtimeEvent[] }> {
  const { ended, events } = await takeOut(tx, ctx, sql`group_id = ${group.id} and user_id = any(${uuidArray(userIds)})`, ledger);
  return { left: ended.map((row) => row.userId), revoked: events };
}

/** Recipients given by id, for `insertNotificationsSql`: one row each, the batch never travelling back through Node. */
const recipients = (userIds: readonly string[]): SQL => sql`unnest(${uuidArray(userIds)}) as recipients (user_id)`;

/**
 * Removes members: each is notified and loses the group at once (their open connections are
 * ended, and the channel-auth route refuses the group from then on). Their messages and progress stay.
 */
export const removeMembers = defineOperation({
  kind: "membership.remove",
  permission: "group.manageMembers",
  input: removeMembersSchema,
  // Before a replay too: the caller must still manage the group.
  locks: (tx, ctx, input) => manageableGroup(tx, ctx, input.groupId),
  run: async ({ tx, ctx, input, now, locked: group, audit }): Promise<Committed<RemoveResult>> => {
    const batchId = randomUUID();
    const { left: removedIds, revoked } = await takeOutOf(tx, ctx, group, input.userIds, {
      batchId,
      now,
      source: "individual",
      sourceLabel: null,
    });
    const waivedIds = await waiveOnRemoval(tx, ctx, group.id, removedIds, now, input.onAssignments);
    const actor = await actorName(tx, ctx);
    // Kept without the group reference: a later delete of the group must not erase the person's notice.
    const notice = { key: batchId, type: "group.removed", payload: { groupName: group.name, actorName: actor }, groupId: null } as const;
    if (removedIds.length > 0) {
      await tx.execute(insertNotificationsSql({ companyId: ctx.companyId, from: recipients(removedIds), ...notice, createdAt: now }));
    }
    await audit({
      action: "group.members_removed",
      targetType: "group",
      targetId: group.id,
      batchId,
      details: { removed: removedIds.length, assignmentsWaived: waivedIds.length, onAssignments: input.onAssignments ?? "rule" },
    });
    const result = { removed: removedIds.length };
    if (removedIds.length === 0) return { result };
    return {
      result,
      events: [fanOut(removedIds, { ...notice, createdAt: now }), ...revoked, membershipChanged(group.id), ...assignmentChanged(waivedIds)],
      disconnectUsers: removedIds,
    };
  },
});

const targetNotFound = (error: unknown): never => {
  throw error instanceof AppError && error.code === "not_found" ? new AppError("target_group_not_found") : error;
};

/** A read whose refusal (an AppError) is kept to be thrown when asked for; anything else is thrown at once. */
const settle = <T>(read: Promise<T>): Promise<() => T> =>
  read.then(
    (value) => () => value,
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return () => {
        throw error;
      };
    },
  );

/**
 * "Move to group": out of one group and into another of the company in one transaction, with
 * one notification per person and both ledgers written. People already in the target only leave
 * the source. The target's maximum applies to those who arrive.
 */
export const moveMembers = defineOperation({
  kind: "membership.move",
  permission: "group.manageMembers",
  input: moveMembersSchema,
  locks: async (tx, ctx, input) => {
    if (input.groupId === input.targetGroupId) throw new AppError("same_group");
    // Arrivals are whoever is still in the source group, which a deactivation in flight empties.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    // Locked in a fixed order, so two opposite moves cannot deadlock; the caller must manage both,
    // and a refusal of the source is the one told, whichever group was locked first.
    const locked = new Map<string, () => LearningGroup>();
    for (const id of [input.groupId, input.targetGroupId].sort()) {
      const group = manageableGroup(tx, ctx, id);
      locked.set(id, await settle(id === input.targetGroupId ? group.catch(targetNotFound) : group));
    }
    return { from: locked.get(input.groupId)!(), to: locked.get(input.targetGroupId)!() };
  },
  run: async ({ tx, ctx, input, now, locked: { from, to }, audit }): Promise<Committed<MoveResult>> => {
    const batchId = randomUUID();
    const { left: leaving, revoked } = await takeOutOf(tx, ctx, from, input.userIds, {
      batchId,
      now,
      source: "move",
      sourceLabel: to.name,
    });
    const arriving = await queryRows<{ user_id: string }>(
      tx,
      sql`select id as user_id from unnest(${uuidArray(leaving)}) as id
          where not exists (select 1 from group_members m where m.group_id = ${to.id} and m.user_id = id)`,
    );
    const taken = await memberCount(tx, to.id);
    if (to.maxMembers !== null && taken + arriving.length > to.maxMembers) {
      throw new AppError("group_full", { taken, max: to.maxMembers, selected: arriving.length });
    }
    const arrivingIds = arriving.map((row) => row.user_id);
    if (arrivingIds.length > 0) {
      await tx.execute(
        sql`with inserted as (
            insert into group_members (group_id, user_id, company_id, added_by, source, source_label, added_at)
            select ${to.id}, id, ${ctx.companyId}, ${ctx.userId}, 'move', ${from.name}, ${now}
            from unnest(${uuidArray(arrivingIds)}) as id
            returning user_id
          )
          insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, source_label, batch_id, at)
          select ${ctx.companyId}, ${to.id}, user_id, 'added', ${ctx.userId}, 'move', ${from.name}, ${batchId}, ${now}
          from inserted`,
      );
    }
    // Arrivals get the target's rules; then leavers lose what the source's rules say they lose (the
    // target's rule for the same course keeps it, so the order matters).
    const assigned = await applyGroupRules(tx, ctx, to.id, arrivingIds, now, batchId);
    const waivedIds = await waiveOnRemoval(tx, ctx, from.id, leaving, now);
    const actor = await actorName(tx, ctx);
    const notice = {
      key: batchId,
      type: "group.moved",
      payload: { fromGroupName: from.name, groupName: to.name, actorName: actor },
      groupId: to.id,
    } as const;
    if (leaving.length > 0) {
      await tx.execute(insertNotificationsSql({ companyId: ctx.companyId, from: recipients(leaving), ...notice, createdAt: now }));
    }
    const result: MoveResult = { moved: leaving.length, alreadyInTarget: leaving.length - arrivingIds.length };
    await audit({
      action: "group.members_moved",
      targetType: "group",
      targetId: from.id,
      batchId,
      details: { targetGroupId: to.id, ...result },
    });
    if (leaving.length === 0) return { result };
    return {
      result,
      events: [
        fanOut(leaving, { ...notice, createdAt: now }),
        ...revoked,
        membershipChanged(from.id),
        membershipChanged(to.id),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
        ...assignmentChanged(waivedIds),
      ],
      disconnectUsers: leaving,
      outbox: queuedMail(assigned),
    };
  },
});
