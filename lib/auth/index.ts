import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/base/env";
import { authConfig } from "./config";
import { attemptSignIn } from "./credentials";
import { closeSession } from "./sessions";
import { sessionToken } from "./session-token";
import { ssoProviders, ssoSignIn } from "./sso-provider";
import { requestClientAddress } from "./client-address";

/** A refused sign-in because of too many failures; the sign-in action says how long from `retryAt`. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAt: Date) {
    super();
  }
}

// Lazy, so that `next build` can evaluate routes without the production secret.
export const {
  handlers,
  auth,
  signIn,
  signOut,
  unstable_update: updateSession,
} = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (input, request) => {
        const attempt = await attemptSignIn(getDb(), input, requestClientAddress(request.headers));
        if (attempt.ok) return { id: attempt.id };
        if (attempt.retryAt) throw new SignInThrottled(attempt.retryAt);
        return null;
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: { ...authConfig.callbacks, signIn: ssoSignIn, jwt: sessionToken },
  // Auth.js's own sign-out route; `signOutAction` revokes too, where a failure can still be shown.
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await closeSession(getDb(), sid);
    },
  },
}));
