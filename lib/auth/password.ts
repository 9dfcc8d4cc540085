import { type Algorithm, hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

/**
 * argon2id at OWASP's minimum (Password Storage Cheat Sheet: 19 MiB, two passes, one lane), through
 * a native binding that hashes on libuv's thread pool: about 25 ms of one core per sign-in here,
 * none of it on the event loop (bcryptjs, before it, took ~125 ms of the loop at cost 10).
 */
// `Algorithm` is a declared const enum, which isolated modules cannot read: 2 is its `Argon2id`.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** How a hash made with exactly these parameters begins; any other (bcrypt, older parameters) is replaced at sign-in. */
const CURRENT = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
// Compared against when the account is unknown, so both failures take the same time.
const UNKNOWN_ACCOUNT_HASH = "$argon2id$v=19$m=19456,t=2,p=1$DWjstilzltT/N4F19IhQeg$VP5IKYRoO6VWHGAOyHxRbLCAkBPlm6vYiiLFriSposM";

export const hashPassword = (password: string) => hash(password, ARGON2);

/** Whether a stored hash was made before argon2id at today's parameters (a bcrypt hash of older accounts). */
export const isStaleHash = (stored: string) => !stored.startsWith(CURRENT);

/** A bcrypt hash (`$2a$`, `$2b$`, `$2y$`) of an account that has not signed in since argon2id came. */
const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const against = stored ?? UNKNOWN_ACCOUNT_HASH;
  // A hash that is neither (spoilt by hand) matches nothing rather than failing the sign-in with a 500.
  const matches = isBcrypt(against) ? await bcrypt.compare(password, against) : await verify(against, password).catch(() => false);
  return stored !== null && matches;
}
