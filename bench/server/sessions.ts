import { encode } from "next-auth/jwt";
import type pg from "pg";
import { SESSION_DAYS } from "@/lib/auth/sessions";

/* Sessions for the bench's clients; apart from http.ts, which the client processes load without the server's modules. */

/** The secret the bench's server signs sessions with (`server/app.ts`). */
export const BENCH_AUTH_SECRET = "cohort-bench-secret-0123456789abcdef";
const SESSION_COOKIE = "authjs.session-token";

/** A person a client process connects as: their id (for their own channel) and their session cookie. */
export type Session = { userId: string; cookie: string };

/**
 * Sessions as a sign-in leaves them (a `user_sessions` row through the sign-in's own lookup, and
 * Auth.js's encrypted token naming it, in its cookie), made by the harness without the password
 * check: its deliberate cost per person would make connecting a thousand clients take minutes.
 */
export async function mintSessions(pool: pg.Pool, people: readonly { id: string; email: string }[]): Promise<Session[]> {
  const { rows } = await pool.query<{ user_id: string; sid: string | null }>(
    "select id as user_id, auth_open_session(id, make_interval(days => $2)) as sid from unnest($1::uuid[]) id",
    [people.map((person) => person.id), SESSION_DAYS],
  );
  const emails = new Map(people.map((person) => [person.id, person.email]));
  return Promise.all(
    rows.map(async ({ user_id: userId, sid }) => {
      if (!sid) throw new Error(`No session for ${userId}: not an active person.`);
      const token = await encode({
        token: { sub: userId, email: emails.get(userId), uid: userId, sid },
        secret: BENCH_AUTH_SECRET,
        salt: SESSION_COOKIE,
      });
      return { userId, cookie: `${SESSION_COOKIE}=${token}` };
    }),
  );
}
