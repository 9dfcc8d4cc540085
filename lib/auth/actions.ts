"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./index";
import { SSO_PROVIDER_ID } from "./sso-provider";

export type SignInState = { error: "invalid_credentials" | null; email: string };

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
    if (error instanceof AuthError) return { error: "invalid_credentials", email };
    throw error; // the redirect after a successful sign-in travels as an exception
  }
  return { error: null, email };
}

/** Sends the browser to the identity provider; it comes back through Auth.js's OIDC callback. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
