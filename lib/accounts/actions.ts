"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction, publicAction } from "@/lib/actions/safe-action";
import {
  changePasswordSchema,
  invitePersonSchema,
  requestPasswordResetSchema,
  resendInvitationSchema,
  setPasswordSchema,
} from "./schemas";
import { changePassword, invitePerson, requestPasswordReset, resendInvitation, setPasswordWithToken } from "./service";

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
  await changePassword(getDb(), viewer, input);
  return { data: null };
});

export const requestPasswordResetAction = publicAction(requestPasswordResetSchema, async ({ email }) => {
  const { mail } = await requestPasswordReset(getDb(), email);
  return { data: { email }, mail };
});

export const setPasswordAction = publicAction(setPasswordSchema, async (input) => ({
  data: await setPasswordWithToken(getDb(), input),
}));
