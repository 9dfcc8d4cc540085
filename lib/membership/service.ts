import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { LearningGroup } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { type AssignedRow, applyGroupRules, assignedEvents, assignmentChanged, queuedMail, waiveOnRemoval } from "@/lib/assignments/writes";
import { recordAudit } from "@/lib/operations/audit";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertActive, readGroup } from "@/lib/groups/lock";
import { memberCount } from "@/lib/groups/service";
import { notificationFanOut } from "@/lib/notifications/service";
import type { NotificationPayloads, NotificationType } from "@/lib/notifications/types";
import { type Committed, once, storedResult } from "@/lib/operations/legacy";
import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { candidatesSql } from "./candidates";
import { type RemovalLedger, takeOut } from "./removal";
import type { AddMembersInput, MoveMembersInput, RemoveMembersInput, Selection } from "./schemas";

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
export async function addMembers(db: Database, ctx: Ctx, input: AddMembersInput): Promise<Committed<AddResult>> {
  // A re-submitted form is answered from the stored result before any lock or transaction, once the
  // caller is found still allowed to manage the group.
  await manageableGroup(db, ctx, input.groupId, false);
  const stored = await storedResult<AddResult>(db, ctx, { key: input.operationId, kind: "membership.add" });
  if (stored) return { result: stored.result };
  return db.transaction(async (tx) => {
    const batchId = randomUUID();
    const now = new Date();
    let addedIds: string[] = [];
    let assigned: AssignedRow[] = [];
    let groupName = "";
    let actor = "";
    const { result, replayed } = await once(tx, ctx, { key: input.operationId, kind: "membership.add" }, async () => {
      // First: before the reads of who is active, and before any row is locked, so that waiting here
      // for a deactivation can never close a cycle of waits.
      await lockCompanyMembership(tx, ctx.companyId, "membership-write");
      const group = await manageableGroup(tx, ctx, input.groupId);
      groupName = group.name;
      const preview = await classify(tx, ctx, group, input.selection);
      if (preview.max !== null && preview.taken + preview.toAdd > preview.max) {
        throw new AppError("group_full", { taken: preview.taken, max: preview.max, selected: preview.toAdd });
      }
      actor = await actorName(tx, ctx);
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
      addedIds = inserted.map((row) => row.user_id);
      // The group's assignment rules reach the newcomers: one more statement, fed by the ids just inserted.
      assigned = await applyGroupRules(tx, ctx, group.id, addedIds, now, batchId);
      const result: AddResult = { added: addedIds.length, alreadyMembers: preview.alreadyMembers, deactivated: preview.deactivated };
      await recordAudit(tx, ctx, {
        action: "group.members_added",
        targetType: "group",
        targetId: group.id,
        batchId,
        details: { mode: input.selection.mode, ...result },
      });
      return result;
    });
    if (replayed || addedIds.length === 0) return { result };
    return {
      result,
      events: [
        fanOut(addedIds, { key: batchId, type: "group.added", payload: { groupName, actorName: actor }, groupId: input.groupId, createdAt: now }),
        membershipChanged(input.groupId),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
      ],
      outbox: queuedMail(assigned),
    };
  });
}

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
    notified as (
      insert into notifications (company_id, user_id, group_id, key, type, payload, created_at)
      select ${ctx.companyId}, i.user_id, i.group_id, ${batch.notificationKey}, 'group.added',
             jsonb_build_object('groupName', g.name, 'actorName', ${batch.actorName}::text), ${batch.now}
      from inserted i join learning_groups g on g.id = i.group_id
      where ${batch.announce ?? true}::boolean
    )
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

/**
 * Removes members: each is notified and loses the group at once (their open connections are
 * ended, and the channel-auth route refuses the group from then on). Their messages and progress stay.
 */
export async function removeMembers(db: Database, ctx: Ctx, input: RemoveMembersInput): Promise<Committed<RemoveResult>> {
  return db.transaction(async (tx) => {
    const batchId = randomUUID();
    const now = new Date();
    let removedIds: string[] = [];
    let revoked: RealtimeEvent[] = [];
    let waivedIds: string[] = [];
    let groupName = "";
    let actor = "";
    await manageableGroup(tx, ctx, input.groupId, false); // before a replay too
    const { result, replayed } = await once(tx, ctx, { key: input.operationId, kind: "membership.remove" }, async () => {
      const group = await manageableGroup(tx, ctx, input.groupId);
      groupName = group.name;
      ({ left: removedIds, revoked } = await takeOutOf(tx, ctx, group, input.userIds, { batchId, now, source: "individual", sourceLabel: null }));
      waivedIds = await waiveOnRemoval(tx, ctx, group.id, removedIds, now, input.onAssignments);
      actor = await actorName(tx, ctx);
      const payload: NotificationPayloads["group.removed"] = { groupName: group.name, actorName: actor };
      await insertNotifications(tx, ctx, removedIds, { key: batchId, type: "group.removed", payload, groupId: null, now });
      await recordAudit(tx, ctx, {
        action: "group.members_removed",
        targetType: "group",
        targetId: group.id,
        batchId,
        details: { removed: removedIds.length, assignmentsWaived: waivedIds.length, onAssignments: input.onAssignments ?? "rule" },
      });
      return { removed: removedIds.length };
    });
    if (replayed || removedIds.length === 0) return { result };
    return {
      result,
      events: [
        // Kept without the group reference: a later delete of the group must not erase the person's notice.
        fanOut(removedIds, { key: batchId, type: "group.removed", payload: { groupName, actorName: actor }, groupId: null, createdAt: now }),
        ...revoked,
        membershipChanged(input.groupId),
        ...assignmentChanged(waivedIds),
      ],
      disconnectUsers: removedIds,
    };
  });
}

type NotificationRows<T extends NotificationType> = {
  key: string;
  type: T;
  payload: NotificationPayloads[T];
  groupId: string | null;
  now: Date;
};

/**
 * The INSERT giving everyone in `recipients` (a relation with a `user_id` column: a CTE of the same
 * statement, or a list of ids) the same notification, so a batch's notifications never travel
 * through Node and back.
 */
function notificationsInsert<T extends NotificationType>(ctx: Ctx, recipients: SQL, notification: NotificationRows<T>): SQL {
  return sql`insert into notifications (company_id, user_id, group_id, key, type, payload, created_at)
    select ${ctx.companyId}, user_id, ${notification.groupId}, ${notification.key}, ${notification.type},
           ${JSON.stringify(notification.payload)}::jsonb, ${notification.now}
    from ${recipients}`;
}

async function insertNotifications<T extends NotificationType>(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  userIds: readonly string[],
  notification: NotificationRows<T>,
): Promise<void> {
  if (userIds.length === 0) return;
  await tx.execute(notificationsInsert(ctx, sql`unnest(${uuidArray(userIds)}) as recipients (user_id)`, notification));
}

const targetNotFound = (error: unknown): never => {
  throw error instanceof AppError && error.code === "not_found" ? new AppError("target_group_not_found") : error;
};

/**
 * "Move to group": out of one group and into another of the company in one transaction, with
 * one notification per person and both ledgers written. People already in the target only leave
 * the source. The target's maximum applies to those who arrive.
 */
export async function moveMembers(db: Database, ctx: Ctx, input: MoveMembersInput): Promise<Committed<MoveResult>> {
  if (input.groupId === input.targetGroupId) throw new AppError("same_group");
  return db.transaction(async (tx) => {
    const batchId = randomUUID();
    const now = new Date();
    let movedIds: string[] = [];
    let revoked: RealtimeEvent[] = [];
    let assigned: AssignedRow[] = [];
    let waivedIds: string[] = [];
    let names = { from: "", to: "" };
    let actor = "";
    // Before a replay too: the caller must still manage both groups.
    await manageableGroup(tx, ctx, input.groupId, false);
    await manageableGroup(tx, ctx, input.targetGroupId, false).catch(targetNotFound);
    const { result, replayed } = await once(tx, ctx, { key: input.operationId, kind: "membership.move" }, async () => {
      // Arrivals are whoever is still in the source group, which a deactivation in flight empties.
      await lockCompanyMembership(tx, ctx.companyId, "membership-write");
      // Locked in a fixed order, so two opposite moves cannot deadlock.
      const [first, second] = [input.groupId, input.targetGroupId].sort();
      const locked = new Map<string, LearningGroup>();
      for (const id of [first!, second!]) {
        const group = manageableGroup(tx, ctx, id);
        locked.set(id, await (id === input.targetGroupId ? group.catch(targetNotFound) : group));
      }
      const from = locked.get(input.groupId)!;
      const to = locked.get(input.targetGroupId)!;
      names = { from: from.name, to: to.name };

      const { left: leaving, revoked: sourceRevoked } = await takeOutOf(tx, ctx, from, input.userIds, { batchId, now, source: "move", sourceLabel: to.name });
      revoked = sourceRevoked;
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
      assigned = await applyGroupRules(tx, ctx, to.id, arrivingIds, now, batchId);
      waivedIds = await waiveOnRemoval(tx, ctx, from.id, leaving, now);
      movedIds = leaving;
      actor = await actorName(tx, ctx);
      await insertNotifications(tx, ctx, leaving, {
        key: batchId,
        type: "group.moved",
        payload: { fromGroupName: from.name, groupName: to.name, actorName: actor },
        groupId: to.id,
        now,
      });
      const result: MoveResult = { moved: leaving.length, alreadyInTarget: leaving.length - arrivingIds.length };
      await recordAudit(tx, ctx, {
        action: "group.members_moved",
        targetType: "group",
        targetId: from.id,
        batchId,
        details: { targetGroupId: to.id, ...result },
      });
      return result;
    });
    if (replayed || movedIds.length === 0) return { result };
    return {
      result,
      events: [
        fanOut(movedIds, {
          key: batchId,
          type: "group.moved",
          payload: { fromGroupName: names.from, groupName: names.to, actorName: actor },
          groupId: input.targetGroupId,
          createdAt: now,
        }),
        ...revoked,
        membershipChanged(input.groupId),
        membershipChanged(input.targetGroupId),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
        ...assignmentChanged(waivedIds),
      ],
      disconnectUsers: movedIds,
      outbox: queuedMail(assigned),
    };
  });
}
