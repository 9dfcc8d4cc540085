import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { reissueInvitation } from "@/lib/account-links/invitations";
import { resendInvitationSchema } from "@/lib/accounts/schemas";

/** A new invitation link for a person of the caller's company who has not chosen a password yet; older links stop working. */
export const resendInvitation = defineOperation({
  kind: "person.resendInvitation",
  permission: "people.invite",
  input: resendInvitationSchema,
  run: async ({ tx, ctx, input, audit }) => {
    const [person] = await tx
      .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)))
      .for("update");
    if (!person) throw notFound();
    if (person.passwordHash) throw new AppError("accounts.errors.notPending", { name: person.name });
    const { mail } = await reissueInvitation(tx, { userId: person.id, inviterId: ctx.userId });
    await audit({ action: "person.invitation_resent", targetType: "user", targetId: person.id });
    return { result: { email: person.email }, mail: [mail] };
  },
});
