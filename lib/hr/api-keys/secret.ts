import { createHash, randomBytes } from "node:crypto";

/** Every secret starts so, which lets secret scanners and people recognise a Cohort key. */
export const API_KEY_PREFIX = "chk_";
/** `chk_` and 32 random bytes (256 bits) in base64url. */
export const API_KEY_PATTERN = /^chk_[A-Za-z0-9_-]{43}$/;
/** What the list shows of a key: enough to tell keys apart, far too little to guess the rest. */
export const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type CreatedApiKey = { keyId: string; prefix: string; secret: string | null };

/** A new key's secret, made on the server for each submission (`createApiKeyAction`'s `prepare`). */
export const newApiKeySecret = () => API_KEY_PREFIX + randomBytes(32).toString("base64url");

/** What the dialog shows: the secret only when this call's secret made the key (a replay's did not). */
export const withSecret = (result: { keyId: string; prefix: string; secretHash: string }, secret: string): CreatedApiKey => ({
  keyId: result.keyId,
  prefix: result.prefix,
  secret: result.secretHash === hashApiKey(secret) ? secret : null,
});
