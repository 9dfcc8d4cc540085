import { readFileSync } from "node:fs";

/** The password `bench/data.ts` gives everybody (one shared password hash). */
export const BENCH_PASSWORD = "cohort-bench";

/**
 * The `name=value` pairs of a response's Set-Cookie headers, the last per name: the proxy and the
 * route both set a CSRF cookie on `/api/auth/csrf`, and the token in the body is the route's.
 */
export function cookiesOf(response: Response): string[] {
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

/** The chat page's resync as the browser's `fetch` makes it: a GET of the group's messages above `after`. */
export async function resyncChat<T>(baseUrl: string, cookie: string, groupId: string, after: number): Promise<T> {
  const response = await fetch(`${baseUrl}/api/groups/${groupId}/messages?after=${after}`, { headers: { cookie } });
  const text = await response.text();
  if (!response.ok) throw new Error(`The chat's resync answered ${response.status}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { data: T }).data;
}
