import "server-only";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import type { ApiKeyScope } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { API_KEY_PATTERN, hashApiKey } from "@/lib/hr/api-keys/secret";
import { ApiProblem } from "./problem";

export type ApiCaller = { ctx: Ctx; keyId: string; scope: ApiKeyScope };

/** `last_used_at` is a hint for admins: written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = {
  id: string;
  companyId: string;
  scope: ApiKeyScope;
  revoked: boolean;
  lastUsedAt: Date | null;
  ownerId: string | null;
  ownerActive: boolean;
};

/**
 * The caller of an API request, from `Authorization: Bearer <key>`, looked up by the key's SHA-256.
 * A key acts for its company with HR staff's roles and the API key actor (see `can`); `userId` is
 * the admin who created it and answers for it, and while that person is no longer an active admin
 * of the company the key acts no more (401), so a departed admin's keys do not outlive them.
 */
export async function authenticate(db: Database, request: Request, now: Date): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiProblem(401, "missingKey", {}, { "www-authenticate": 'Bearer realm="cohort"' });
  const secret = match[1]!;
  const invalid = () => new ApiProblem(401, "unknownKey", {}, { "www-authenticate": 'Bearer realm="cohort", error="invalid_token"' });
  if (!API_KEY_PATTERN.test(secret)) throw invalid();
  // The key names its company: until it is found, none is known (the lookup of migration 0021).
  const [key] = await queryRows<KeyRow>(
    db,
    sql`select id, company_id as "companyId", scope, revoked, last_used_at as "lastUsedAt", owner_id as "ownerId",
               owner_active as "ownerActive"
        from auth_api_key(${hashApiKey(secret)})`,
  );
  if (!key) throw invalid();
  if (key.revoked) throw new ApiProblem(401, "revokedKey", {}, { "www-authenticate": 'Bearer realm="cohort", error="invalid_token"' });
  if (!key.ownerId || !key.ownerActive) throw new ApiProblem(401, "ownerInactive");
  const lastUsed = key.lastUsedAt === null ? null : new Date(key.lastUsedAt);
  if (!lastUsed || now.getTime() - lastUsed.getTime() >= LAST_USED_RESOLUTION_MS) {
    await withCompany(db, key.companyId).execute(sql`update api_keys set last_used_at = ${now} where id = ${key.id}`);
  }
  return {
    keyId: key.id,
    scope: key.scope,
    ctx: { userId: key.ownerId, companyId: key.companyId, roles: ["hr"], actor: { kind: "api_key", keyId: key.id } },
  };
}

/** Requests per key in a fixed window; one limit for reads and writes alike (a bulk write is one request). */
export type RateLimit = { limit: number; windowSeconds: number };
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowSeconds: 60 };

/**
 * Counts the request in the key's current window with one UPSERT and refuses it past the limit,
 * saying when the window ends. The first request of a window also clears the key's old windows,
 * so the table holds about one row per active key.
 */
export async function takeRateLimit(db: Database, keyId: string, rateLimit: RateLimit, now: Date): Promise<void> {
  const windowMs = rateLimit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into api_rate_limits (key_id, company_id, window_start, count)
        select id, company_id, ${windowStart}, 1 from api_keys where id = ${keyId}
        on conflict (key_id, window_start) do update set count = api_rate_limits.count + 1
        returning count`,
  );
  const count = row?.count ?? 1;
  if (count === 1) await db.execute(sql`delete from api_rate_limits where key_id = ${keyId} and window_start < ${windowStart}`);
  if (count > rateLimit.limit) {
    const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw new ApiProblem(429, "rateLimited", { limit: rateLimit.limit, seconds }, { "retry-after": String(seconds) });
  }
}
