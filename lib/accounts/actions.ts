"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { authorizedAction, publicAction } from "@/lib/actions/safe-action";
import { requestClientAddress } from "@/lib/auth/client-address";
import { signOut, updateSession } from "@/lib/auth/index";
import {
  changePasswordSchema,
  invitePersonSchema,
  requestPasswordResetSchema,
  resendInvitationSchema,
  setPasswordSchema,
  signOutEverywhereSchema,
} from "./schemas";
import { changePassword, invitePerson, requestPasswordReset, resendInvitation, setPasswordWithToken, signOutEverywhere } from "./service";

export const invitePersonAction = authorizedAction(invitePersonSchema, async (input, viewer) => {
  const { result, mail } = await invitePerson(getDb(), viewer, input);
  revalidatePath("/admin/people");
  return { data: result, mail };
});

export const resendInvitationAction = authorizedAction(resendInvitationSchema, async (input, viewer) => {
  const { result, mail } = await resendInvitation(getDb(), viewer, input);
  return { data: result, mail };
});

export const changePasswordAction = authorizedAction(changePasswordSchema, async (input, viewer) => {
  const { sessionId } = await changePassword(getDb(), viewer, input);
  // Every session ended with the old password; this browser carries on with the one just made for it.
  if (sessionId) await updateSession({ sessionId });
  return { data: null };
});

export const signOutEverywhereAction = authorizedAction(signOutEverywhereSchema, async (_input, viewer) => {
  const result = await signOutEverywhere(getDb(), viewer);
  await signOut({ redirect: false });
  return { data: result };
});

export const requestPasswordResetAction = publicAction(requestPasswordResetSchema, async ({ email }) => {
  const { mail } = await requestPasswordReset(getDb(), email);
  return { data: { email }, mail };
});

export const setPasswordAction = publicAction(setPasswordSchema, async (input) => ({
  data: await setPasswordWithToken(getDb(), input, requestClientAddress(await headers())),
}));
