import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { uuidArray } from "@/db/sql";
import { assignedEvents, assignmentChanged } from "@/lib/assignments/events";
import { insertAssignments, queuedMail, waiveOnRemoval } from "@/lib/assignments/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { actorName } from "@/lib/people/queries/person";
import { announceAdded, fanOut } from "@/lib/membership/events";
import { insertMembershipsSql } from "@/lib/membership/sql";
import { membershipChanged } from "@/lib/membership-core/events";
import { takeOut } from "@/lib/membership-core/removal";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { defineOperation } from "@/lib/operations/kernel";
import { lockCompanyPeople } from "@/lib/people/guard";
import { asHrActor } from "@/lib/hr/actor";
import { formRulesWanted, lockFormGroups } from "../groups";
import { departmentChangeSchema } from "../schemas";

export type DepartmentChangeResult = { joined: number; left: number; assignmentsWaived: number };

type Person = { id: string; name: string; departmentName: string | null; deactivated: boolean };

async function lockPerson(tx: DatabaseOrTransaction, ctx: Ctx, personId: string): Promise<Person> {
  const [person] = await queryRows<Person>(
    tx,
    sql`select u.id, u.name, d.name as "departmentName", u.deactivated_at is not null as deactivated
        from users u left join departments d on d.id = u.department_id
        where u.id = ${personId} and u.company_id = ${ctx.companyId}
        for no key update of u`,
  );
  if (!person) throw notFound();
  if (person.deactivated) throw new AppError("hr_person_deactivated", { name: person.name });
  return person;
}

/** The person's memberships of active groups among `groupIds`; any other id is refused. */
async function currentGroups(tx: DatabaseOrTransaction, ctx: Ctx, personId: string, groupIds: readonly string[]) {
  if (groupIds.length === 0) return [];
  const groups = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select g.id, g.name from group_members m join learning_groups g on g.id = m.group_id
        where m.user_id = ${personId} and m.company_id = ${ctx.companyId} and g.archived_at is null
          and g.id = any(${uuidArray(groupIds)})
        order by g.id
        for no key update of g`,
  );
  if (groups.length !== groupIds.length) throw new AppError("hr_group_not_found", {}, "removeGroupIds");
  return groups;
}

/**
 * HR's "Department change", in one transaction and once per operation id: the person moves to the new
 * department, joins the groups chosen for it (as "via department <new>", their rules reaching them as
 * a late joiner) and leaves the current groups ticked (each group's rule keeps or waives the
 * assignments it gave). Audited as HR, with the ledger of every membership.
 */
export const changeDepartment = defineOperation({
  kind: "hr.department_change",
  permission: "hr.forms",
  actAs: asHrActor,
  input: departmentChangeSchema,
  run: async ({ tx, ctx, input, now, audit }) => {
    const batchId = randomUUID();
    // The order deactivation takes: the company's people, the person, then memberships and groups.
    await lockCompanyPeople(tx, ctx);
    const person = await lockPerson(tx, ctx, input.personId);
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    const [department] = await queryRows<{ name: string }>(
      tx,
      sql`select name from departments where id = ${input.departmentId} and company_id = ${ctx.companyId}`,
    );
    if (!department) throw new AppError("department_not_found", {}, "departmentId");
    const adding = input.addGroupIds.filter((id) => !input.removeGroupIds.includes(id));
    const left = await currentGroups(tx, ctx, person.id, input.removeGroupIds);
    const toJoin = await lockFormGroups(tx, ctx, adding, 1);
    await tx.execute(sql`update users set department_id = ${input.departmentId} where id = ${person.id}`);
    const actor = await actorName(tx, ctx);
    const inserted =
      toJoin.length === 0
        ? []
        : await queryRows<{ group_id: string }>(
            tx,
            insertMembershipsSql(
              ctx,
              sql`select g.id as group_id, ${person.id}::uuid as user_id, 'department'::membership_source as source,
                   ${department.name}::text as source_label, lower(${person.name}) as sort_name
            from unnest(${uuidArray(toJoin.map((group) => group.id))}) as g (id)`,
              { batchId, now },
            ),
          );
    const joinedIds = new Set(inserted.map((row) => row.group_id));
    const joined = toJoin.filter((group) => joinedIds.has(group.id));
    const assigned =
      joined.length === 0
        ? []
        : await insertAssignments(tx, ctx, formRulesWanted(ctx, person.id, [...joinedIds], null), { source: "rule", now, batchId });
    const removed =
      left.length === 0
        ? { ended: [], events: [] }
        : await takeOut(tx, ctx, sql`user_id = ${person.id} and group_id = any(${uuidArray(left.map((group) => group.id))})`, {
            batchId,
            now,
            source: "hr",
            sourceLabel: department.name,
          });
    // Arrivals first: a rule of a joined group for the same course keeps the assignment.
    const waived: string[] = [];
    for (const { groupId } of removed.ended) waived.push(...(await waiveOnRemoval(tx, ctx, groupId, [person.id], now)));
    if (left.length > 0) {
      await tx.execute(
        insertNotificationsSql({
          companyId: ctx.companyId,
          from: sql`learning_groups g`,
          userId: sql`${person.id}::uuid`,
          type: "group.removed",
          payload: { groupName: sql<string>`g.name`, actorName: actor },
          groupId: null,
          key: sql<string>`${batchId}::text || ':' || g.id::text`,
          createdAt: now,
          where: sql`g.id = any(${uuidArray(left.map((group) => group.id))})`,
        }),
      );
    }
    const result: DepartmentChangeResult = { joined: joined.length, left: left.length, assignmentsWaived: waived.length };
    await audit({
      action: "hr.department_changed",
      targetType: "user",
      targetId: person.id,
      batchId,
      details: {
        from: person.departmentName,
        to: department.name,
        joinedGroupIds: joined.map((g) => g.id),
        leftGroupIds: left.map((g) => g.id),
        ...result,
      },
    });
    const personIds = [input.personId];
    return {
      result,
      events: [
        ...joined.map((group) => announceAdded({ groupId: group.id, batchId, groupName: group.name, actorName: actor, at: now })),
        ...left.map((group) =>
          fanOut(personIds, {
            key: `${batchId}:${group.id}`,
            type: "group.removed",
            payload: { groupName: group.name, actorName: actor },
            groupId: null,
            createdAt: now,
          }),
        ),
        ...removed.events,
        ...[...joined, ...left].map((group) => membershipChanged(group.id)),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
        ...assignmentChanged(waived),
      ],
      outbox: queuedMail(assigned),
    };
  },
});
