import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { type SessionClaims, sessionClaims } from "./session-claims";
import { loadSessionViewer, type Viewer } from "./viewer";

/** Auth.js's session cookie: `__Secure-` prefixed when the app is reached over https. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The session token of this request, from the cookie store rather than Auth.js's `auth()`: `auth()`
 * reads the request's Cookie header as it arrived, while the store also holds what a server action
 * set, so the page an action re-renders after a password change (which replaced the session) sees the
 * new session, not the one it just revoked. The token's signature and expiry are checked by `sessionClaims`;
 * `proxy.ts` keeps refreshing the cookie as Auth.js does.
 */
async function sessionToken(): Promise<SessionClaims | null> {
  const store = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = store.get(name)?.value;
    if (value) return sessionClaims(name, value);
  }
  return null;
}

/**
 * The signed-in, active person for this request, or null. Read once per request, in one statement
 * with the session's row: a revoked or expired session (or a token without one) is signed out.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = await sessionToken();
  const userId = token?.uid;
  const sessionId = token?.sid;
  if (typeof userId !== "string" || typeof sessionId !== "string") return null;
  return loadSessionViewer(getDb(), { userId, sessionId });
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
