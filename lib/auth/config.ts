import type { NextAuthConfig } from "next-auth";

/**
 * The edge-safe half of Auth.js: no providers, no database. The session carries the user id and the
 * id of its `user_sessions` row (written by the Node half at sign-in); the person, their company and
 * roles, and whether that row still stands are read from the database on every request (see `current-user.ts`).
 */
export const authConfig = {
  // Auth.js's own failures (a provider that cannot be reached, say) land on the sign-in page too.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  session: { strategy: "jwt" },
  trustHost: true,
  providers: [],
  logger: {
    // A failed sign-in is an expected event, not a stack trace.
    error(error) {
      if ("type" in error && error.type === "CredentialsSignin") return;
      // Auth.js's own message only points at its docs; the underlying error says what went wrong.
      const cause = (error.cause as { err?: Error & { error_description?: string } } | undefined)?.err;
      const detail = cause instanceof Error ? [cause.message, cause.error_description].filter(Boolean).join(": ") : undefined;
      console.error(JSON.stringify({ level: "error", message: "auth error", error: error.message, cause: detail }));
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
