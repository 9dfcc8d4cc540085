import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { companies, type Role, users } from "@/db/schema";

/**
 * Who is acting, for permissions and the audit: a person in their own right, HR staff through the HR
 * forms and import (the `hr` actor, which acts on any group of its company), or an API key (acting
 * for the company; `userId` is then the key's creator, who answers for it).
 */
export type Actor =
  | { kind: "user" }
  | { kind: "hr" }
  /** `requestHash`: the API request's, on writes, so that an operation id reused for another request is refused. */
  | { kind: "api_key"; keyId: string; requestHash?: string };

/** What the data layer knows about the caller: always read from the database, never from the browser. */
export type Ctx = { userId: string; companyId: string; roles: readonly Role[]; actor?: Actor };

export type Viewer = Ctx & {
  name: string;
  email: string;
  companyName: string;
  locale: string;
  timeZone: string;
};

export const isAdmin = (ctx: Ctx) => ctx.roles.includes("admin");
export const isHr = (ctx: Ctx) => ctx.roles.includes("hr");

/** Loads an active person; a deactivated or unknown id yields null, so sign-in ends at the next request. */
export async function loadViewer(db: DatabaseOrTransaction, userId: string): Promise<Viewer | null> {
  const [row] = await db
    .select({
      userId: users.id,
      companyId: users.companyId,
      roles: users.roles,
      name: users.name,
      email: users.email,
      locale: users.locale,
      timeZone: users.timeZone,
      companyName: companies.name,
      companyLocale: companies.defaultLocale,
      companyTimeZone: companies.defaultTimeZone,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
  if (!row) return null;
  const { companyLocale, companyTimeZone, ...rest } = row;
  return { ...rest, locale: row.locale ?? companyLocale, timeZone: row.timeZone ?? companyTimeZone };
}
