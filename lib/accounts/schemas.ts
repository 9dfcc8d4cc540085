import { z } from "zod";
import { textField } from "@/lib/text";

/** Messages are catalogue keys under `accounts.validation.*`, rendered beside the field. */
export const PERSON_NAME_MAX = 200;
/** Long enough to resist guessing; no composition rules, which only make passwords harder to remember. */
export const PASSWORD_MIN_LENGTH = 10;
/**
 * bcrypt, which hashed passwords before argon2id, read at most 72 bytes and anything longer was
 * refused rather than silently cut; the limit stays, so the rule people were told still holds.
 */
export const PASSWORD_MAX_BYTES = 72;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "accounts.validation.emailInvalid" }).max(320, { error: "accounts.validation.emailInvalid" }));

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: "accounts.validation.passwordTooShort" })
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES, {
    error: "accounts.validation.passwordTooLong",
  });

/** A new password typed twice; the second must match the first. */
const newPassword = z.object({ password, confirmPassword: z.string() }).refine((value) => value.password === value.confirmPassword, {
  error: "accounts.validation.passwordMismatch",
  path: ["confirmPassword"],
});

const operationId = z.uuid();
const optionalUuid = z.preprocess((value) => (value === "" || value === undefined ? null : value), z.uuid().nullable());

export const invitePersonSchema = z.object({
  name: textField({ max: PERSON_NAME_MAX, tooLong: "accounts.validation.nameTooLong", required: "accounts.validation.nameRequired" }),
  email,
  departmentId: optionalUuid.default(null),
  managerId: optionalUuid.default(null),
  roles: z
    .array(z.enum(["admin", "hr"]))
    .max(2)
    .transform((roles) => [...new Set(roles)])
    .default([]),
  operationId,
});
/** The manager is optional for callers that invite without one (the admin's form has no manager field). */
export type InvitePersonInput = Omit<z.output<typeof invitePersonSchema>, "managerId"> & { managerId?: string | null };

export const resendInvitationSchema = z.object({ userId: z.uuid(), operationId });

export const requestPasswordResetSchema = z.object({ email });

/** The token is 32 random bytes in base64url: 43 characters. Anything else cannot be one of ours. */
export const setPasswordSchema = newPassword.and(
  z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "accounts.errors.linkInvalid" }) }),
);
export type SetPasswordInput = z.output<typeof setPasswordSchema>;

export const changePasswordSchema = newPassword.and(
  z.object({ currentPassword: z.string().min(1, { error: "accounts.validation.passwordRequired" }).max(200), operationId }),
);
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;

/** "Sign out everywhere" takes only its operation id: whose sessions end is the caller's. */
export const signOutEverywhereSchema = z.object({ operationId });
