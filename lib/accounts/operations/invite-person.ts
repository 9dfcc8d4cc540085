import { defineOperation } from "@/lib/operations/kernel";
import { invitePersonSchema } from "@/lib/accounts/schemas";
import { addressGuard } from "@/lib/accounts/addresses";
import { insertInvitedPerson } from "@/lib/accounts/sql";

/**
 * An admin (or an API key) invites a person: the account without a password and a one-time link, in
 * one transaction; the email goes out after commit. A replayed operation returns the first result and
 * sends nothing again (the admin can resend the invitation).
 */
export const invitePerson = defineOperation({
  kind: "people.invite",
  permission: "people.invite",
  input: invitePersonSchema,
  ...addressGuard((input) => ({ via: "invitation", email: input.email })),
  run: async ({ tx, ctx, input, audit }) => {
    const invited = await insertInvitedPerson(tx, ctx, audit, input);
    return { result: { userId: invited.userId }, mail: [invited.mail] };
  },
});
