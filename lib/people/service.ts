import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { type Role, users } from "@/db/schema";
import { waiveAllOf } from "@/lib/assignments/sql";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { membershipChanged } from "@/lib/membership/service";
import { takeOut } from "@/lib/membership/removal";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { assertMayTouchAdmin } from "@/lib/permissions";
import { revokePerson } from "@/lib/realtime/epochs";
import { assertAnotherAdmin, lockCompanyPeople } from "./guard";
import { personOperationSchema, updatePersonSchema } from "./schemas";

type LockedPerson = {
  id: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
  departmentName: string | null;
  managerId: string | null;
  managerName: string | null;
  deactivatedAt: Date | null;
};

/**
 * A person of the caller's company, locked until the transaction ends. `no key update`, like the
 * company's lock: rows that reference the person (an operation they claimed) hold key-share locks.
 */
async function lockPerson(tx: DatabaseOrTransaction, ctx: Ctx, personId: string): Promise<LockedPerson> {
  const [person] = await queryRows<LockedPerson>(
    tx,
    sql`select u.id, u.name, u.roles::text[] as roles, u.department_id as "departmentId", d.name as "departmentName",
               u.manager_id as "managerId", m.name as "managerName", u.deactivated_at as "deactivatedAt"
        from users u
        left join departments d on d.id = u.department_id
        left join users m on m.id = u.manager_id
        where u.id = ${personId} and u.company_id = ${ctx.companyId}
        for no key update of u`,
  );
  if (!person) throw notFound();
  return person;
}

const isActiveAdmin = (person: LockedPerson) => person.deactivatedAt === null && person.roles.includes("admin");

async function departmentName(tx: DatabaseOrTransaction, ctx: Ctx, departmentId: string): Promise<string> {
  const [department] = await queryRows<{ name: string }>(
    tx,
    sql`select name from departments where id = ${departmentId} and company_id = ${ctx.companyId}`,
  );
  if (!department) throw new AppError("department_not_found");
  return department.name;
}

/** A manager is someone else of the company who does not already report, however indirectly, to the person. */
async function managerName(tx: DatabaseOrTransaction, ctx: Ctx, person: LockedPerson, managerId: string): Promise<string> {
  if (managerId === person.id) throw new AppError("manager_self", { name: person.name });
  const [manager] = await queryRows<{ name: string }>(
    tx,
    sql`select name from users where id = ${managerId} and company_id = ${ctx.companyId}`,
  );
  if (!manager) throw new AppError("manager_not_found");
  const [cycle] = await queryRows<{ found: number }>(
    tx,
    sql`with recursive chain (id, manager_id, depth) as (
          select id, manager_id, 1 from users where id = ${managerId} and company_id = ${ctx.companyId}
          union all
          select u.id, u.manager_id, c.depth + 1 from users u join chain c on u.id = c.manager_id
          where u.company_id = ${ctx.companyId} and c.depth < 1000
        )
        select 1 as found from chain where manager_id = ${person.id} limit 1`,
  );
  if (cycle) throw new AppError("manager_cycle", { name: person.name, manager: manager.name });
  return manager.name;
}

type Change<T> = { from: T; to: T };
export type PersonChanges = {
  department?: Change<string | null>;
  manager?: Change<string | null>;
  roles?: Change<Role[]>;
};

/** The caller, checked again with the company's people locked, and then the person, locked too. */
async function lockPeople(tx: DatabaseOrTransaction, ctx: Ctx, input: { personId: string }): Promise<LockedPerson> {
  await lockCompanyPeople(tx, ctx);
  return lockPerson(tx, ctx, input.personId);
}

/**
 * Changes a person's department, manager or roles (only the fields given), audited with before and
 * after. Taking the admin role from the company's last active admin is refused. A changed role ends
 * the person's realtime connections, so channel access is asked for again.
 */
export const updatePerson = defineOperation({
  kind: "person.update",
  permission: "people.edit",
  input: updatePersonSchema,
  locks: lockPeople,
  run: async ({ tx, ctx, input, locked: person, audit }): Promise<Committed<{ changed: boolean }>> => {
    const changes: PersonChanges = {};
    const set: Partial<Pick<typeof users.$inferInsert, "departmentId" | "managerId" | "roles">> = {};
    if (input.departmentId !== undefined && input.departmentId !== person.departmentId) {
      const to = input.departmentId === null ? null : await departmentName(tx, ctx, input.departmentId);
      changes.department = { from: person.departmentName, to };
      set.departmentId = input.departmentId;
    }
    if (input.managerId !== undefined && input.managerId !== person.managerId) {
      const to = input.managerId === null ? null : await managerName(tx, ctx, person, input.managerId);
      changes.manager = { from: person.managerName, to };
      set.managerId = input.managerId;
    }
    if (input.roles !== undefined && input.roles.join() !== [...person.roles].sort().join()) {
      if (person.roles.includes("admin") || input.roles.includes("admin")) assertMayTouchAdmin(ctx, person);
      if (isActiveAdmin(person) && !input.roles.includes("admin")) await assertAnotherAdmin(tx, ctx, person);
      changes.roles = { from: person.roles, to: input.roles };
      set.roles = input.roles;
    }
    if (Object.keys(set).length === 0) return { result: { changed: false } };
    await tx.update(users).set(set).where(eq(users.id, person.id));
    // A role taken away ends the person's sessions: whatever a page still shows was read with it.
    if (set.roles && person.roles.some((role) => !set.roles!.includes(role))) await revokeUserSessions(tx, person.id);
    // Admins read every group: without the role, the groups they were let onto move to a new epoch.
    const revoked =
      changes.roles && person.roles.includes("admin") && !changes.roles.to.includes("admin") ? await revokePerson(tx, ctx, person.id) : [];
    await audit({ action: "person.updated", targetType: "user", targetId: person.id, details: { changes } });
    return { result: { changed: true }, events: revoked, disconnectUsers: changes.roles ? [person.id] : undefined };
  },
});

export type DeactivationResult = { groupsLeft: number };

/**
 * Deactivation, the one service admins and HR's leaver form share: in one transaction the person
 * is marked deactivated (sign-in ends at their next request, since every request reads the
 * person again), leaves every active group of the company with a ledger row each (archived groups
 * keep their member lists), their open assignments are waived (nothing more is sent for them), and
 * the operation is audited. Their open connections are then ended.
 */
export const deactivatePerson = defineOperation({
  kind: "person.deactivate",
  permission: "people.deactivate",
  input: personOperationSchema,
  locks: lockPeople,
  run: async ({ tx, ctx, now, locked: person, audit }): Promise<Committed<DeactivationResult>> => {
    if (person.id === ctx.userId) throw new AppError("deactivate_self");
    if (person.deactivatedAt) throw new AppError("already_deactivated", { name: person.name });
    // HR's leaver form and API keys end learners' and HR staff's accounts; an admin's is another admin's call.
    if (person.roles.includes("admin")) assertMayTouchAdmin(ctx, person);
    if (isActiveAdmin(person)) await assertAnotherAdmin(tx, ctx, person);
    // Waits for adds and moves in flight, so the removal below also finds what they put in. Taken
    // after the checks, so a refused deactivation never waits for them.
    await lockCompanyMembership(tx, ctx.companyId, "deactivation");
    const batchId = randomUUID();
    await tx.execute(sql`update users set deactivated_at = ${now} where id = ${person.id}`);
    await revokeUserSessions(tx, person.id);
    const left = await takeOut(
      tx,
      ctx,
      sql`user_id = ${person.id} and group_id in (
            select id from learning_groups where company_id = ${ctx.companyId} and archived_at is null)`,
      { batchId, now, source: "deactivation", sourceLabel: null },
    );
    const groupIds = left.ended.map((row) => row.groupId);
    // Groups they read without being a member (an admin's) move on too; the ones they left already did.
    const revoked = [...left.events, ...(await revokePerson(tx, ctx, person.id))];
    const assignmentsWaived = await waiveAllOf(tx, ctx, person.id, now);
    await audit({
      action: "person.deactivated",
      targetType: "user",
      targetId: person.id,
      batchId,
      details: { groupsLeft: groupIds.length, assignmentsWaived },
    });
    return {
      result: { groupsLeft: groupIds.length },
      events: [...revoked, ...groupIds.map(membershipChanged)],
      disconnectUsers: [person.id],
    };
  },
});

/** Reactivation restores sign-in only: the groups the person left stay left. */
export const reactivatePerson = defineOperation({
  kind: "person.reactivate",
  permission: "people.deactivate",
  input: personOperationSchema,
  locks: lockPeople,
  run: async ({ tx, ctx, locked: person, audit }) => {
    if (!person.deactivatedAt) throw new AppError("not_deactivated", { name: person.name });
    if (person.roles.includes("admin")) assertMayTouchAdmin(ctx, person);
    await tx.execute(sql`update users set deactivated_at = null where id = ${person.id}`);
    // Sessions from before the deactivation stay ended: the person signs in afresh.
    await revokeUserSessions(tx, person.id);
    await audit({ action: "person.reactivated", targetType: "user", targetId: person.id });
    return { result: null };
  },
});
