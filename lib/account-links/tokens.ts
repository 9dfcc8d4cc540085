import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type AccountTokenPurpose, accountTokens, type Role, users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** How long a one-time link works: invitations and password resets alike. */
export const TOKEN_LIFETIME_DAYS = 7;
const TOKEN_BYTES = 32;

/** Only this digest is stored: a copy of the table opens no account. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The link a person follows; the token travels in it and nowhere else. */
export const setPasswordPath = (token: string) => `/set-password?token=${encodeURIComponent(token)}`;

/** A token just issued: `token` is the raw secret (for the mail only), `id` its row. */
export type IssuedToken = { id: string; token: string; expiresAt: Date };

/** A new one-time token for `userId`: 32 random bytes, base64url in the link, SHA-256 in the table. */
export async function issueToken(
  tx: DatabaseOrTransaction,
  input: { userId: string; purpose: AccountTokenPurpose; createdBy: string | null },
): Promise<IssuedToken> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const [row] = await tx
    .insert(accountTokens)
    .values({
      userId: input.userId,
      // The person's own company (visible only in it: a link for anyone else's person fails as NULL).
      companyId: sql`(select company_id from users where id = ${input.userId})`,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      createdBy: input.createdBy,
      expiresAt: sql`now() + make_interval(days => ${TOKEN_LIFETIME_DAYS})`,
    })
    .returning({ id: accountTokens.id, expiresAt: accountTokens.expiresAt });
  return { id: row!.id, token, expiresAt: row!.expiresAt };
}

/**
 * Ends a person's open links: of one purpose (a new invitation replaces the old one), or of every
 * purpose with "all" (a password was chosen or changed: an invitation and a reset both
 * lead to choosing one, so no link may outlive the password it would replace).
 */
export async function expireOpenTokens(tx: DatabaseOrTransaction, userId: string, purpose: AccountTokenPurpose | "all"): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ expiresAt: sql`least(${accountTokens.expiresAt}, now())` })
    .where(
      and(
        eq(accountTokens.userId, userId),
        purpose === "all" ? undefined : eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        sql`${accountTokens.expiresAt} > now()`,
      ),
    );
}

export type TokenState = "valid" | "expired" | "used" | "invalid";

/** Whose a valid link is: the person a password is set for acts as themselves (lib/accounts/operations/spend-link.ts). */
export type TokenHolder = { userId: string; companyId: string; roles: readonly Role[] };

export type TokenInfo = { state: TokenState; purpose: AccountTokenPurpose | null; email: string | null };

/** What a link is, for the page that opens it: nothing is spent. A deactivated person's links are invalid. */
export async function inspectToken(db: DatabaseOrTransaction, token: string): Promise<TokenInfo> {
  const { state, purpose, email } = await readToken(db, token);
  return { state, purpose, email };
}

/**
 * What a link is and, while it is valid, whose: one read, nothing spent. Whoever follows a link is
 * not signed in, so no company is known: the lookup of migration 0021 reads it.
 */
export async function readToken(db: DatabaseOrTransaction, token: string): Promise<TokenInfo & { holder: TokenHolder | null }> {
  const [row] = await queryRows<{
    purpose: AccountTokenPurpose;
    used: boolean;
    expired: boolean;
    email: string;
    active: boolean;
    userId: string;
    companyId: string;
    roles: Role[];
  }>(
    db,
    sql`select purpose, used, expired, email, active, user_id as "userId", company_id as "companyId", roles::text[] as roles
        from auth_account_token(${hashToken(token)})`,
  );
  if (!row || !row.active) return { state: "invalid", purpose: null, email: null, holder: null };
  const state: TokenState = row.used ? "used" : row.expired ? "expired" : "valid";
  if (state !== "valid") return { state, purpose: row.purpose, email: null, holder: null };
  return { state, purpose: row.purpose, email: row.email, holder: { userId: row.userId, companyId: row.companyId, roles: row.roles } };
}

const linkErrors = {
  invalid: "accounts.errors.linkInvalid",
  expired: "accounts.errors.linkExpired",
  used: "accounts.errors.linkUsed",
} as const;

/** Why a link cannot be used, as the error code (and catalogue key) that says so. */
export const linkErrorCode = (state: TokenState) => linkErrors[state === "valid" ? "invalid" : state];

/**
 * Spends a link: one statement sets `used_at` only while it is unused and unexpired, so of two
 * concurrent uses exactly one succeeds. Answers whose link it was, or says why it cannot be used.
 */
export async function consumeToken(tx: DatabaseOrTransaction, token: string): Promise<{ userId: string; purpose: AccountTokenPurpose }> {
  const [spent] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .from(users)
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        isNull(accountTokens.usedAt),
        sql`${accountTokens.expiresAt} > now()`,
        eq(users.id, accountTokens.userId),
        isNull(users.deactivatedAt),
      ),
    )
    .returning({ userId: accountTokens.userId, purpose: accountTokens.purpose });
  if (spent) return spent;
  const { state } = await inspectToken(tx, token);
  throw new AppError(linkErrorCode(state));
}
