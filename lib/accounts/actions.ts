"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { operationAction, publicAction } from "@/lib/actions/safe-action";
import { requestClientAddress } from "@/lib/auth/client-address";
import { signOut, updateSession } from "@/lib/auth/index";
import { requestPasswordResetSchema, setPasswordSchema } from "./schemas";
import { changePassword } from "@/lib/accounts/operations/change-password";
import { invitePerson } from "@/lib/accounts/operations/invite-person";
import { requestPasswordReset, sendResetLink } from "@/lib/accounts/operations/send-reset-link";
import { resendInvitation } from "@/lib/accounts/operations/resend-invitation";
import { setPasswordWithToken, spendLink } from "@/lib/accounts/operations/spend-link";
import { signOutEverywhere } from "@/lib/accounts/operations/sign-out-everywhere";

export const invitePersonAction = operationAction(invitePerson, { refresh: () => revalidatePath("/admin/people") });

export const resendInvitationAction = operationAction(resendInvitation);

/** Every session ended with the old password; this browser carries on with the one just made for it. */
export const changePasswordAction = operationAction(changePassword, {
  finish: async ({ sessionId }) => {
    if (sessionId) await updateSession({ sessionId });
  },
  data: () => null,
});

export const signOutEverywhereAction = operationAction(signOutEverywhere, {
  finish: async () => void (await signOut({ redirect: false })),
});

export const requestPasswordResetAction = publicAction(
  requestPasswordResetSchema,
  async ({ email }) => {
    const { mail } = await requestPasswordReset(getDb(), email);
    return { data: { email }, mail };
  },
  sendResetLink,
);

export const setPasswordAction = publicAction(
  setPasswordSchema,
  async (input) => ({ data: await setPasswordWithToken(getDb(), input, requestClientAddress(await headers())) }),
  spendLink,
);
