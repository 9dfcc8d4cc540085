import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { log } from "@/base/log";
import { type Database, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import { users } from "@/db/schema";
import { hashPassword, isStaleHash, verifyPassword } from "./password";
import { recordFailure, recordSuccess, refusedUntil } from "./throttle";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  password: z.string().min(1).max(200),
});

type Account = { id: string; companyId: string; passwordHash: string | null; active: boolean };

/** The account an email signs in to, if any. Before anyone is signed in no company is known: the lookup of migration 0021 finds it. */
async function findAccount(db: Database, email: string): Promise<Account | null> {
  const [account] = await queryRows<Account>(
    db,
    sql`select user_id as id, company_id as "companyId", password_hash as "passwordHash", active from auth_sign_in_account(${email})`,
  );
  return account ?? null;
}

/**
 * Whether `password` signs in to `account`. Unknown email, wrong password, no password set (an
 * invited person who has not chosen one) and a deactivated account all answer null: the caller shows
 * one message for all. The hash is verified even without an account, so the answer takes as long. A
 * right password whose stored hash is stale (bcrypt, before argon2id) is hashed again (`upgradeHash`).
 */
async function checkPassword(db: Database, account: Account | null, password: string): Promise<SignedIn | null> {
  const stored = account?.passwordHash ?? null;
  const valid = await verifyPassword(password, stored);
  if (!account || stored === null || !valid || !account.active) return null;
  const signedIn = { id: account.id, companyId: account.companyId };
  if (isStaleHash(stored)) await upgradeHash(db, signedIn, password, stored);
  return signedIn;
}

/** Checks a sign-in's email and password (`checkPassword`), unthrottled: what `attemptSignIn` does after its throttle. */
export async function checkCredentials(db: Database, input: unknown): Promise<SignedIn | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  return checkPassword(db, await findAccount(db, parsed.data.email), parsed.data.password);
}

/** Who signed in: the company is known from here on. */
export type SignedIn = { id: string; companyId: string };

/**
 * The password of a right sign-in, hashed again with today's parameters in place of a stale hash
 * (bcrypt before argon2id): every account moves over at its next sign-in, with no reset. Only while
 * the stale hash is still there, so a password changed meanwhile stays; a failure here is logged and
 * leaves the sign-in as it is (the old hash still verifies).
 */
async function upgradeHash(db: Database, user: SignedIn, password: string, stale: string): Promise<void> {
  try {
    await withCompany(db, user.companyId)
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(and(eq(users.id, user.id), eq(users.companyId, user.companyId), eq(users.passwordHash, stale)));
  } catch (error) {
    log.warn("a password hash was not upgraded", { userId: user.id, error: error instanceof Error ? error.message : String(error) });
  }
}

export type SignInAttempt = ({ ok: true } & SignedIn) | { ok: false; retryAt: Date | null };

/**
 * A throttled sign-in (see `throttle.ts`): a refused attempt is refused before the password is looked
 * at, so a right password does not get through either; a failure is counted; a success makes the
 * address known for the person and clears the account's counts. `retryAt` is set when the attempt was
 * refused, or its failure caused a lock or delay.
 */
export async function attemptSignIn(db: Database, input: unknown, address: string | null): Promise<SignInAttempt> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, retryAt: null };
  const keys = { email: parsed.data.email, address };
  // The account is looked up beside the throttle (one round trip for both); the password is only
  // looked at when the attempt is not refused.
  const [refused, account] = await Promise.all([refusedUntil(db, keys), findAccount(db, parsed.data.email)]);
  if (refused) return { ok: false, retryAt: refused };
  const user = await checkPassword(db, account, parsed.data.password);
  if (user) {
    await recordSuccess(db, user.id, keys);
    return { ok: true, ...user };
  }
  await recordFailure(db, keys);
  return { ok: false, retryAt: await refusedUntil(db, keys) };
}
