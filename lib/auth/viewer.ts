import "server-only";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { companies, type Role, users } from "@/db/schema";
import { SESSION_TOUCH_MINUTES, sessionLifetime } from "./sessions";

/**
 * Who is acting, for permissions and the audit: a person in their own right, HR staff through the HR
 * forms and import (the `hr` actor, which acts on any group of its company), or an API key (acting
 * for the company; `userId` is then the key's creator, who answers for it).
 */
export type Actor =
  | { kind: "user" }
  | { kind: "hr" }
  /** `requestHash`: the API request's, on writes, so that an operation id reused for another request is refused. */
  | { kind: "api_key"; keyId: string; requestHash?: string }
  /** The scheduler running one job in one company: no person answers for it. */
  | { kind: "system"; job: SystemJob };

/** The scheduler's jobs (app/api/cron/*), each a system actor with its own permission. */
export type SystemJob = "reminders" | "rollup" | "sign-ins" | "imports" | "retention";

/** What the data layer knows about the caller: always read from the database, never from the browser. */
export type Ctx = { userId: string; companyId: string; roles: readonly Role[]; actor?: Actor };

export type Viewer = Ctx & {
  name: string;
  email: string;
  companyName: string;
  locale: string;
  timeZone: string;
};

/**
 * The scheduler acting in one company. It has no person, so `userId` names nobody (the nil UUID:
 * it matches no row, and written into a person's column it fails loudly); the operation and audit
 * rows record no actor for it (`actorIdOf`).
 */
export const systemCtx = (companyId: string, job: SystemJob): Ctx => ({
  userId: NOBODY,
  companyId,
  roles: [],
  actor: { kind: "system", job },
});

const NOBODY = "00000000-0000-0000-0000-000000000000";

/** The person who answers for an act in the operation and audit rows: nobody for the scheduler. */
export const actorIdOf = (ctx: Ctx): string | null => (ctx.actor?.kind === "system" ? null : ctx.userId);

export const isAdmin = (ctx: Ctx) => ctx.roles.includes("admin");
export const isHr = (ctx: Ctx) => ctx.roles.includes("hr");

const viewerColumns = {
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
};

type ViewerRow = Omit<Viewer, "actor" | "locale" | "timeZone"> & {
  locale: string | null;
  timeZone: string | null;
  companyLocale: string;
  companyTimeZone: string;
};

function toViewer(row: ViewerRow | undefined): Viewer | null {
  if (!row) return null;
  const { companyLocale, companyTimeZone, ...rest } = row;
  return { ...rest, locale: row.locale ?? companyLocale, timeZone: row.timeZone ?? companyTimeZone };
}

const activePerson = (userId: string): SQL => and(eq(users.id, userId), isNull(users.deactivatedAt))!;

/** Loads an active person; a deactivated or unknown id yields null. For code that acts for a known person, not for requests. */
export async function loadViewer(db: DatabaseOrTransaction, userId: string): Promise<Viewer | null> {
  const [row] = await db
    .select(viewerColumns)
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(activePerson(userId))
    .limit(1);
  return toViewer(row);
}

/**
 * The person behind a request's session, in one statement: active, and their session row neither
 * revoked nor expired, so deactivation, role changes and every revocation apply at the next request.
 * The same statement moves a session's expiry on when it was last moved more than
 * SESSION_TOUCH_MINUTES ago. No company is known before it: the lookup of migration 0021 answers.
 */
export async function loadSessionViewer(db: DatabaseOrTransaction, session: { userId: string; sessionId: string }): Promise<Viewer | null> {
  const [row] = await queryRows<ViewerRow>(
    db,
    sql`select user_id as "userId", company_id as "companyId", roles::text[] as roles, name, email, locale, time_zone as "timeZone",
               company_name as "companyName", company_locale as "companyLocale", company_time_zone as "companyTimeZone"
        from auth_session_viewer(${session.sessionId}, ${session.userId}, ${sessionLifetime}, make_interval(mins => ${SESSION_TOUCH_MINUTES}))`,
  );
  return toViewer(row);
}
