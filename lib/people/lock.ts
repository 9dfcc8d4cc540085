import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { lockCompanyPeople } from "./guard";

/* The person an operation on people acts on, locked: what updating, deactivating and reactivating share. */

export type LockedPerson = {
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

export const isActiveAdmin = (person: LockedPerson) => person.deactivatedAt === null && person.roles.includes("admin");

/** The caller, checked again with the company's people locked, and then the person, locked too. */
export async function lockPeople(tx: DatabaseOrTransaction, ctx: Ctx, input: { personId: string }): Promise<LockedPerson> {
  await lockCompanyPeople(tx, ctx);
  return lockPerson(tx, ctx, input.personId);
}
