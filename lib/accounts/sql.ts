import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { OutgoingMail } from "@/lib/mail/send";
import type { AuditEntry } from "@/lib/operations/kernel";
import { assertAddressUsable } from "@/lib/accounts/addresses";
import { composeLinkMail } from "@/lib/account-links/mail";
import { issueToken } from "@/lib/account-links/tokens";

/** Who is invited: the account's fields (no password: the person chooses one with the mailed link). */
export type Invitee = { name: string; email: string; departmentId: string | null; managerId?: string | null; roles: ("admin" | "hr")[] };

/**
 * The one way a person is invited, inside the caller's transaction: checks the department and the
 * manager belong to the caller's company and the email is free, inserts the person without a
 * password, issues the invitation link and composes its mail (sent after commit), audited. Used by
 * the admin's invitation, the HR API's create-person and HR's new-hire form.
 */
export async function insertInvitedPerson(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  audit: (entry: AuditEntry) => Promise<void>,
  input: Invitee,
): Promise<{ userId: string; mail: OutgoingMail }> {
  if (input.departmentId) {
    const [department] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.companyId, ctx.companyId)));
    if (!department) throw new AppError("accounts.errors.departmentNotFound", {}, "departmentId");
  }
  if (input.managerId) {
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.managerId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)));
    if (!manager) throw new AppError("manager_not_found", {}, "managerId");
  }
  // Not on another company's domain, not taken anywhere; limited and audited (lib/accounts/addresses.ts).
  await assertAddressUsable(tx, ctx, input.email);
  const [person] = await tx
    .insert(users)
    .values({
      companyId: ctx.companyId,
      name: input.name,
      email: input.email,
      departmentId: input.departmentId,
      managerId: input.managerId ?? null,
      roles: input.roles,
      passwordHash: null,
    })
    .returning({ id: users.id });
  const issued = await issueToken(tx, { userId: person!.id, purpose: "invitation", createdBy: ctx.userId });
  const mail = await composeLinkMail(tx, { userId: person!.id, kind: "invitation", issued, inviterId: ctx.userId });
  await audit({
    action: "person.invited",
    targetType: "user",
    targetId: person!.id,
    details: { email: input.email, roles: input.roles, departmentId: input.departmentId, managerId: input.managerId ?? null },
  });
  return { userId: person!.id, mail };
}
