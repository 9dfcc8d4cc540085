import "server-only";
import type { NextAuthConfig } from "next-auth";
import { getDb } from "@/db/client";
import { openSession } from "./sessions";

type JwtCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["jwt"]>;

/**
 * The token's contents, Node side. At sign-in (credentials or single sign-on: `user` is there only
 * then) a session row is written and its id goes into the token beside the user id. An update names
 * the row that replaces it, after a password change revoked every row of the person but gave this
 * browser a new one (`updateSession` in `changePasswordAction`). Taking any id offered there is safe:
 * an id only counts with a row of this very person that is still open, and the ids are random and
 * never leave the encrypted token.
 */
export const sessionToken: JwtCallback = async ({ token, user, trigger, session }) => {
  if (user?.id) {
    const sid = await openSession(getDb(), user.id);
    if (!sid) throw new Error("the person was deactivated while signing in");
    return { ...token, uid: user.id, sid };
  }
  const replacement = (session as { sessionId?: unknown } | undefined)?.sessionId;
  if (trigger === "update" && typeof replacement === "string") return { ...token, sid: replacement };
  return token;
};
