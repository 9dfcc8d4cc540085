import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/env";
import { authConfig } from "./config";
import { checkCredentials } from "./credentials";
import { ssoProviders, ssoSignIn } from "./sso-provider";

// Lazy, so that `next build` can evaluate routes without the production secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (input) => checkCredentials(getDb(), input),
    }),
    ...ssoProviders(),
  ],
  callbacks: { ...authConfig.callbacks, signIn: ssoSignIn },
}));
