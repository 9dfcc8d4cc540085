import "server-only";
import { eq, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type Role, users } from "@/db/schema";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { assertMayTouchAdmin } from "@/lib/permissions";
import { revokePerson } from "@/lib/group-access/epochs";
import { assertAnotherAdmin } from "../guard";
import { isActiveAdmin, type LockedPerson, lockPeople } from "../lock";
import { updatePersonSchema } from "../schemas";

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
