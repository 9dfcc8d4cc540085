import "server-only";
import { headers } from "next/headers";
import type { NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { getDb } from "@/db/client";
import { env } from "@/base/env";
import { requestClientAddress } from "./client-address";
import { resolveSsoIdentity } from "./sso";
import { rememberSignInAddress } from "./throttle";

/** Auth.js's id for the provider; the identity provider must allow `<app>/api/auth/callback/oidc` as redirect URI. */
export const SSO_PROVIDER_ID = "oidc";

/** The generic OIDC provider, present only when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
export function ssoProviders(): OIDCConfig<Record<string, unknown>>[] {
  const oidc = env().oidc;
  if (!oidc) return [];
  return [
    {
      id: SSO_PROVIDER_ID,
      name: oidc.displayName,
      type: "oidc",
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      // Without a secret the client is a public one; PKCE (Auth.js's default check) still protects the code.
      ...(oidc.clientSecret ? {} : { client: { token_endpoint_auth_method: "none" } }),
    },
  ];
}

type SignInCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["signIn"]>;

/**
 * Lets an OIDC identity in only as an existing person (see `resolveSsoIdentity`), and sends a refusal
 * back to the sign-in page with its own code. Without an adapter Auth.js gives the user a random id and
 * hands this very object on to the `jwt` callback, so setting our id here makes it the token's subject.
 */
export const ssoSignIn: SignInCallback = async ({ user, account, profile }) => {
  const oidc = env().oidc;
  if (account?.provider !== SSO_PROVIDER_ID || !oidc) return true;
  const result = await resolveSsoIdentity(getDb(), {
    issuer: oidc.issuer,
    subject: account.providerAccountId,
    email: profile?.email,
    emailVerified: profile?.email_verified,
  });
  if ("refusal" in result) return `/sign-in?error=${result.refusal}`;
  // Where the person signs in through their provider is also where their password is not to be locked out.
  await rememberSignInAddress(getDb(), result.userId, requestClientAddress(await headers()));
  user.id = result.userId;
  return true;
};
