import { readFileSync } from "node:fs";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import { SESSION_DAYS } from "@/lib/auth/sessions";

/** The password `bench/data.ts` gives everybody (one shared bcrypt hash). */
export const BENCH_PASSWORD = "cohort-bench";

/**
 * The `name=value` pairs of a response's Set-Cookie headers, the last per name: the proxy and the
 * route both set a CSRF cookie on `/api/auth/csrf`, and the token in the body is the route's.
 */
function cookiesOf(response: Response): string[] {
  const pairs = response.headers.getSetCookie().map((line) => line.split(";")[0]!);
  return [...new Map(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair])).values()];
}

/**
 * Auth.js credentials sign-in as a browser without JavaScript does it: the CSRF token and its
 * cookie, then the form post to the credentials callback. Returns the Cookie header of the session.
 */
export async function signIn(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in of ${email} failed (${response.status}).`);
  return session;
}

/** The secret the bench's server signs sessions with (`server/app.ts`). */
export const BENCH_AUTH_SECRET = "cohort-bench-secret-0123456789abcdef";
const SESSION_COOKIE = "authjs.session-token";

/** A person a client process connects as: their id (for their own channel) and their session cookie. */
export type Session = { userId: string; cookie: string };

/**
 * Sessions as a sign-in leaves them (a `user_sessions` row through the sign-in's own lookup, and
 * Auth.js's encrypted token naming it, in its cookie), made by the harness without the password
 * check: bcrypt's ~100 ms a person would make connecting a thousand clients take minutes.
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

/** A server action's id in the build's server-reference manifest, by file and export name. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} of ${filename} in the build.`);
  return found[0];
}

/**
 * Calls a server action as the browser's `fetch` does: a POST to the page that uses it, with the
 * `Next-Action` header, the session cookie and the arguments as JSON. Returns the action's result,
 * the flight response's row 1.
 */
export async function callAction<T>(baseUrl: string, page: string, cookie: string, id: string, args: unknown[]): Promise<T> {
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": id,
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Server action ${id} answered ${response.status}: ${text.slice(0, 200)}`);
  const row = text.split("\n").find((line) => line.startsWith("1:"));
  if (!row) throw new Error(`Server action ${id} answered without a result: ${text.slice(0, 200)}`);
  return JSON.parse(row.slice(2)) as T;
}
