"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { signInSchema } from "./credentials";
import { signIn, signOut } from "./index";
import { SSO_PROVIDER_ID } from "./sso-provider";
import { clientAddress, lockedUntil, minutesUntil } from "./throttle";

export type SignInState = {
  error: "invalid_credentials" | "throttled" | null;
  /** With `throttled`: whole minutes until the lock ends. */
  minutes?: number;
  email: string;
};

/** Only same-site paths may follow sign-in, so the form cannot be used as an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

/** After a refused sign-in: is the account or this client locked, and for how long? */
async function lockMinutes(email: string): Promise<number | null> {
  const parsed = signInSchema.shape.email.safeParse(email);
  if (!parsed.success) return null;
  const until = await lockedUntil(getDb(), { email: parsed.data, address: clientAddress(await headers(), env().trustedProxies) });
  return until ? minutesUntil(until) : null;
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
    const minutes = await lockMinutes(email);
    return minutes ? { error: "throttled", minutes, email } : { error: "invalid_credentials", email };
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
