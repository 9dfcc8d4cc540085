import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import { userIdentities } from "@/db/schema";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";

/**
 * Why a single sign-on was refused. They travel as `/sign-in?error=<code>` and each has a sentence
 * under `sso.errors`; the `sso_` prefix keeps them apart from Auth.js's own error names.
 */
export const SSO_REFUSALS = ["sso_email_unverified", "sso_domain_unknown", "sso_person_unknown", "sso_person_deactivated"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export const isSsoRefusal = (value: unknown): value is SsoRefusal => SSO_REFUSALS.includes(value as SsoRefusal);

/** What the identity provider vouched for, straight from its ID token (so of unknown shape). */
export type SsoClaims = { issuer: string; subject: string; email: unknown; emailVerified: unknown };

export type SsoResult = { userId: string } | { refusal: SsoRefusal };

/**
 * Maps an external identity to an existing person; never creates one. A known (issuer, subject) is
 * that person. Otherwise the email must be verified, its domain owned by a company, and a person of
 * that company must have exactly that email: then the identity is linked, so later sign-ins follow
 * the subject even if the email changes at the provider. Deactivated people are refused either way.
 */
export async function resolveSsoIdentity(db: Database, claims: SsoClaims): Promise<SsoResult> {
  // Sign-in bookkeeping before anyone is signed in (the identity linked, its last sign-in), as the
  // password sign-in's counters are: no person, key or job acting yet, so no operation.
  const result = await mapIdentity(db, claims);
  const fields = { issuer: claims.issuer, subject: claims.subject, email: claims.email };
  if ("refusal" in result) log.warn("single sign-on refused", { ...fields, reason: result.refusal });
  else log.info("single sign-on", { ...fields, userId: result.userId });
  return result;
}

async function mapIdentity(db: Database, { issuer, subject, email, emailVerified }: SsoClaims): Promise<SsoResult> {
  const now = currentTime();
  // No company is known yet: the identity and the domain are found by the lookups of migration 0021;
  // what is written then is the person's company's.
  const [linked] = await queryRows<Person>(
    db,
    sql`select user_id as "userId", company_id as "companyId", active from auth_sso_identity(${issuer}, ${subject})`,
  );
  if (linked) {
    if (!linked.active) return { refusal: "sso_person_deactivated" };
    await withCompany(db, linked.companyId)
      .update(userIdentities)
      .set({ lastSignInAt: now })
      .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
    return { userId: linked.userId };
  }

  // Only an address the provider has checked proves who this is; anything else could be typed by anyone.
  const address = typeof email === "string" ? email.trim().toLowerCase() : "";
  if (!address.includes("@") || !isVerified(emailVerified)) return { refusal: "sso_email_unverified" };

  const [owner] = await queryRows<{ companyId: string; userId: string | null; active: boolean | null }>(
    db,
    sql`select company_id as "companyId", user_id as "userId", active from auth_sso_domain(${address})`,
  );
  if (!owner) return { refusal: "sso_domain_unknown" };
  if (!owner.userId) return { refusal: "sso_person_unknown" };
  if (!owner.active) return { refusal: "sso_person_deactivated" };

  // A concurrent first sign-in of the same identity has the same email, so it links the same person.
  await withCompany(db, owner.companyId)
    .insert(userIdentities)
    .values({ issuer, subject, userId: owner.userId, companyId: owner.companyId, lastSignInAt: now })
    .onConflictDoNothing();
  return { userId: owner.userId };
}

type Person = { userId: string; companyId: string; active: boolean };

// Some providers (Amazon Cognito, for one) send the flag as a string.
const isVerified = (value: unknown) => value === true || value === "true";
