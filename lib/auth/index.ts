import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret, env } from "@/lib/env";
import { authConfig } from "./config";
import { attemptSignIn } from "./credentials";
import { ssoProviders, ssoSignIn } from "./sso-provider";
import { clientAddress } from "./throttle";

/** A refused sign-in because of too many failures; the sign-in form reads the lock and says how long. */
class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

// Lazy, so that `next build` can evaluate routes without the production secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (input, request) => {
        const attempt = await attemptSignIn(getDb(), input, clientAddress(request.headers, env().trustedProxies));
        if (attempt.ok) return { id: attempt.id };
        if (attempt.lockedUntil) throw new SignInThrottled();
        return null;
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: { ...authConfig.callbacks, signIn: ssoSignIn },
}));
