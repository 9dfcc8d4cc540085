import "server-only";
import { decode } from "next-auth/jwt";
import { authSecret } from "@/base/env";

export type SessionClaims = { uid?: unknown; sid?: unknown; exp?: unknown };

/** Tokens this process has decrypted, newest last; a bounded memo, oldest dropped first. */
const decryptedTokens = new Map<string, SessionClaims>();
const DECRYPTED_TOKENS_KEPT = 1_000;

/**
 * The token's claims, or null when it does not decrypt or has expired. Decrypting costs about a
 * millisecond of a core (a key derivation and an authenticated decryption) on every request of a
 * person whose cookie is the same until the proxy refreshes it, so the claims are kept by the whole
 * token: the same string always decrypts to the same claims, and only their expiry can change, which
 * is checked on every use. Revocation is the session row's (`loadSessionViewer`), read every time.
 */
export async function sessionClaims(name: string, value: string): Promise<SessionClaims | null> {
  const key = `${name}=${value}`;
  let claims = decryptedTokens.get(key);
  if (!claims) {
    try {
      claims = (await decode({ token: value, secret: authSecret(), salt: name })) ?? undefined;
    } catch {
      return null;
    }
    if (!claims) return null;
    if (decryptedTokens.size >= DECRYPTED_TOKENS_KEPT) decryptedTokens.delete(decryptedTokens.keys().next().value!);
    decryptedTokens.set(key, claims);
  }
  return typeof claims.exp === "number" && claims.exp * 1000 > Date.now() ? claims : null;
}
