import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { companies, users } from "./people";

/** What a one-time link lets its holder do: both end with the person choosing a password. */
export const accountTokenPurposeEnum = pgEnum("account_token_purpose", ["invitation", "password_reset"]);
export type AccountTokenPurpose = (typeof accountTokenPurposeEnum.enumValues)[number];

/**
 * One-time links sent by email. Only a hash of the token is stored, so a leaked table opens no account;
 * a link is spent when `used_at` is set and dead after `expires_at`.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    /** The person's company: links are walled per company like every tenant row (found by hash through a lookup). */
    companyId: uuid().notNull(),
    purpose: accountTokenPurposeEnum().notNull(),
    tokenHash: text().notNull().unique("account_tokens_hash_uq"),
    createdBy: uuid(),
    expiresAt: timestampMs().notNull(),
    usedAt: timestampMs(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("account_tokens_user_fk", t.userId, users.id, "cascade"),
    fk("account_tokens_company_fk", t.companyId, companies.id, "cascade"),
    fk("account_tokens_created_by_fk", t.createdBy, users.id, "set null"),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
  ],
);
export type AccountToken = typeof accountTokens.$inferSelect;

/**
 * What a failure counter counts: an account (from anywhere: an exponential delay), a client address
 * (across accounts), one account from one address (`account_address`, key `<email> <address>`), and
 * tries of mailed links from one address (`password_link`).
 */
export const signInScopeEnum = pgEnum("sign_in_scope", ["account", "address", "account_address", "password_link"]);
export type SignInScope = (typeof signInScopeEnum.enumValues)[number];

/**
 * Failed sign-ins, counted in the database so the throttle holds across restarts and instances.
 * A window starts with its first failure; `locked_until` is set once the failures in it reach the limit.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    scope: signInScopeEnum().notNull(),
    /** The lower-cased email for `account`, the client address for `address`. */
    key: text().notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestampMs().notNull().defaultNow(),
    /** The latest failure: an account's delay runs from it. */
    lastFailureAt: timestampMs().notNull().defaultNow(),
    lockedUntil: timestampMs(),
  },
  (t) => [
    primaryKey({ name: "sign_in_throttles_pk", columns: [t.scope, t.key] }),
    check("sign_in_throttles_failures_ck", sql`${t.failures} >= 0`),
  ],
);

/**
 * The email domains a company owns: an SSO identity maps to a person only within the company that owns
 * the domain of its verified email. A domain belongs to one company at most.
 */
export const companyDomains = pgTable(
  "company_domains",
  {
    /** Lower-cased, without the `@`. */
    domain: text().primaryKey(),
    companyId: uuid().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("company_domains_company_fk", t.companyId, companies.id, "cascade"),
    index("company_domains_company_idx").on(t.companyId),
    check("company_domains_lower_ck", sql`${t.domain} = lower(${t.domain})`),
  ],
);

/** An external identity (OIDC issuer + subject) linked to a person at their first SSO sign-in. */
export const userIdentities = pgTable(
  "user_identities",
  {
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: uuid().notNull(),
    /** The person's company: identities are walled per company (matched at sign-in through a lookup). */
    companyId: uuid().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
    lastSignInAt: timestampMs(),
  },
  (t) => [
    primaryKey({ name: "user_identities_pk", columns: [t.issuer, t.subject] }),
    fk("user_identities_user_fk", t.userId, users.id, "cascade"),
    fk("user_identities_company_fk", t.companyId, companies.id, "cascade"),
    index("user_identities_user_idx").on(t.userId),
  ],
);

/**
 * Where each person signed in from: an address a person signed in from within the last 90 days is
 * *known* for them, and failures by others never lock them out of it. Old rows go with the scheduler.
 */
export const signInAddresses = pgTable(
  "sign_in_addresses",
  {
    userId: uuid().notNull(),
    address: text().notNull(),
    lastSignedInAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "sign_in_addresses_pk", columns: [t.userId, t.address] }),
    fk("sign_in_addresses_user_fk", t.userId, users.id, "cascade"),
    index("sign_in_addresses_last_idx").on(t.lastSignedInAt),
  ],
);

/**
 * One row per sign-in, its id in the session token: every request reads it with the person, so a
 * revoked or expired row ends that session at once, wherever its cookie was copied to. `expires_at`
 * slides forward as the session is used (see `lib/auth/sessions.ts`); the scheduler deletes dead rows.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    companyId: uuid().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
    lastSeenAt: timestampMs().notNull().defaultNow(),
    expiresAt: timestampMs().notNull(),
    revokedAt: timestampMs(),
  },
  (t) => [
    fk("user_sessions_user_fk", t.userId, users.id, "cascade"),
    fk("user_sessions_company_fk", t.companyId, companies.id, "cascade"),
    index("user_sessions_user_idx").on(t.userId),
    index("user_sessions_expires_idx").on(t.expiresAt),
  ],
);
export type UserSession = typeof userSessions.$inferSelect;
