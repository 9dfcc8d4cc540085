import { vi } from "vitest";
import { encode } from "next-auth/jwt";
import { createFormatter, createTranslator } from "next-intl";
import { authSecret } from "@/base/env";
import { type DatabaseHandle, openPostgres } from "@/db/client";
import { loadMessages } from "@/lib/i18n/catalogue";
import { formats } from "@/lib/i18n/formats";
import type { TestDatabase } from "./database";

/**
 * Server actions and route handlers called as Next calls them, outside Next: only what Next itself
 * provides per request is stood in for here (the cookie store, the headers, `after`, the cache, the
 * translations of next-intl's request config), and Auth.js's cookie writes. Everything else is the
 * product's code: the caller is read from a real session row through the real `getViewer`, so a
 * deactivated person's session is refused as in production. Import this module before the code
 * under test, so that the stand-ins are registered first.
 */

const SESSION_COOKIE = "authjs.session-token";
let sessionToken: string | null = null;
/** Each session's cookie, encrypted once: a test presents the same few sessions hundreds of times. */
const cookies = new Map<string, Promise<string>>();

/** The session the next request carries, as Auth.js's encrypted cookie; null for a request without one. */
export async function presentSession(session: { userId: string; sessionId: string } | null): Promise<void> {
  if (session && !cookies.has(session.sessionId)) {
    const token = { uid: session.userId, sid: session.sessionId };
    cookies.set(session.sessionId, encode({ token, secret: authSecret(), salt: SESSION_COOKIE }));
  }
  sessionToken = session ? await cookies.get(session.sessionId)! : null;
}

vi.mock("next/headers", () => ({
  // As the proxy tags a request, and the server's preload names its peer (server/peer-address.cjs).
  headers: async () => new Headers({ "x-request-id": "matrix", "x-cohort-peer-address": "203.0.113.7" }),
  cookies: async () => ({
    get: (name: string) => (name === SESSION_COOKIE && sessionToken ? { name, value: sessionToken } : undefined),
  }),
}));
// Deliveries after the response are left out: the matrix asks who may act, not what they hear.
vi.mock("next/server", () => ({ after: () => undefined }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace?: string) =>
    createTranslator({ locale: "en", messages: await loadMessages("en"), formats, namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale: "en", timeZone: "UTC", formats }),
}));
// Auth.js writes its cookie into Next's response, which there is none of; the session rows it pairs with are the product's.
vi.mock("next-auth", () => ({
  default: () => ({
    handlers: {},
    auth: async () => null,
    signIn: async () => undefined,
    signOut: async () => undefined,
    unstable_update: async () => null,
  }),
  AuthError: class AuthError extends Error {},
  CredentialsSignin: class CredentialsSignin extends Error {},
}));

const holder = globalThis as typeof globalThis & { __cohortDb?: DatabaseHandle };

/**
 * Makes the test database the app's (`getDb`): as the app role on PostgreSQL, as in production; on
 * PGlite, one connection, the test's own handle (every company-bound statement still takes the app
 * role in its transaction). Returns what undoes it.
 */
export function serveDatabase(handle: TestDatabase): () => Promise<void> {
  const served = handle.url ? openPostgres(handle.url, { connectAs: "app", max: 4 }) : handle;
  holder.__cohortDb = served;
  return async () => {
    delete holder.__cohortDb;
    if (served !== handle) await served.close();
  };
}
