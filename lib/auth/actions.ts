"use server";

import "server-only";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { auth, SignInThrottled, signIn, signOut } from "./index";
import { closeSession } from "./sessions";
import { SSO_PROVIDER_ID } from "./sso-provider";
import { secondsUntil } from "./throttle";

export type SignInState = {
  error: "invalid_credentials" | "throttled" | null;
  /** With `throttled`: whole seconds until another attempt may go ahead. */
  seconds?: number;
  email: string;
};

/** Only same-site paths may follow sign-in, so the form cannot be used as an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

// Sign-in and sign-out are the two actions without the authorized wrapper: they run before and after a session.
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // the redirect after a successful sign-in travels as an exception
    // Auth.js hands our own error on as it was thrown (server-side sign-in runs in its raw mode).
    if (error instanceof SignInThrottled) return { error: "throttled", seconds: secondsUntil(error.retryAt), email };
    return { error: "invalid_credentials", email };
  }
  return { error: null, email };
}

/** Sends the browser to the identity provider; it comes back through Auth.js's OIDC callback. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeCallback(form.get("callbackUrl")) });
}

/** Signing out revokes the session's row first, so a copy of the cookie ends too; a failure there shows rather than passing for a sign-out. */
export async function signOutAction(): Promise<void> {
  const sessionId = (await auth())?.sessionId;
  if (sessionId) await closeSession(getDb(), sessionId);
  await signOut({ redirectTo: "/sign-in" });
}
