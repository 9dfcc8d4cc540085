import "server-only";
import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { userSessions } from "@/db/schema";

/**
 * Sessions in the database. Auth.js keeps the session in a signed cookie, which a copy keeps alive
 * however the person signs out; so each sign-in also writes a `user_sessions` row whose id travels in
 * the token, and every request reads that row with the person (`loadSessionViewer`). Revoking the row
 * ends the session wherever the cookie went.
 */

/** Unused this long, a session ends: Auth.js's own cookie lifetime, so neither outlives the other. */
export const SESSION_DAYS = 30;
/** How stale `last_seen_at` may get before a request moves the expiry on: one write an hour at most per session. */
export const SESSION_TOUCH_MINUTES = 60;

export const sessionLifetime = sql`make_interval(days => ${SESSION_DAYS})`;

/**
 * A new session for an active person, in their company; null when there is no such person. At
 * sign-in no company is known yet: the lookup of migration 0021 writes the row.
 */
export async function openSession(db: DatabaseOrTransaction, userId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string | null }>(db, sql`select auth_open_session(${userId}, ${sessionLifetime}) as id`);
  return row?.id ?? null;
}

/** Ends one session (signing out), known by its id alone: its cookie, and every copy of it, stops working. */
export async function closeSession(db: DatabaseOrTransaction, sessionId: string): Promise<void> {
  await db.execute(sql`select auth_close_session(${sessionId})`);
}

/**
 * Ends every session of a person, inside the caller's transaction: a password set or changed, a
 * deactivation, a reactivation, a role taken away, "Sign out everywhere". Answers how many were open.
 */
export async function revokeUserSessions(db: DatabaseOrTransaction, userId: string): Promise<number> {
  const revoked = await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), sql`${userSessions.expiresAt} > now()`))
    .returning({ id: userSessions.id });
  return revoked.length;
}

/** The scheduler's clean-up: rows of sessions that have ended, by expiry or revocation, serve nothing. */
export async function deleteEndedSessions(db: DatabaseOrTransaction, companyId: string): Promise<number> {
  const deleted = await db
    .delete(userSessions)
    .where(and(eq(userSessions.companyId, companyId), or(lte(userSessions.expiresAt, sql`now()`), isNotNull(userSessions.revokedAt))))
    .returning({ id: userSessions.id });
  return deleted.length;
}
