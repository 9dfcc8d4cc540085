import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { type ApiKeyScope, apiKeys, users } from "@/db/schema";
import { recordAudit } from "@/lib/operations/audit";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type Committed, once } from "@/lib/operations/legacy";
import { assertCan } from "@/lib/permissions";
import type { CreateApiKeyInput, RevokeApiKeyInput } from "./api-key-schemas";

/** Every secret starts so, which lets secret scanners and people recognise a Cohort key. */
export const API_KEY_PREFIX = "chk_";
/** `chk_` and 32 random bytes (256 bits) in base64url. */
export const API_KEY_PATTERN = /^chk_[A-Za-z0-9_-]{43}$/;
/** What the list shows of a key: enough to tell keys apart, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type CreatedApiKey = { keyId: string; prefix: string; secret: string | null };

/**
 * An admin creates a key for the company. Only its SHA-256 is stored; the secret is returned this
 * once. A resubmitted form answers the first key without its secret, which is nowhere any more.
 */
export async function createApiKey(db: Database, ctx: Ctx, input: CreateApiKeyInput): Promise<Committed<CreatedApiKey>> {
  assertCan(ctx, "apiKeys.manage");
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, SHOWN_PREFIX_LENGTH);
  return db.transaction(async (tx) => {
    const { result, replayed } = await once(tx, ctx, { key: input.operationId, kind: "apiKey.create" }, async () => {
      const [key] = await tx
        .insert(apiKeys)
        .values({
          companyId: ctx.companyId,
          name: input.name,
          scope: input.scope,
          prefix,
          secretHash: hashApiKey(secret),
          createdBy: ctx.userId,
        })
        .returning({ id: apiKeys.id });
      await recordAudit(tx, ctx, {
        action: "api_key.created",
        targetType: "api_key",
        targetId: key!.id,
        details: { name: input.name, scope: input.scope, prefix },
      });
      return { keyId: key!.id, prefix };
    });
    return { result: { ...result, secret: replayed ? null : secret } };
  });
}

/** Revoking is final: the key answers 401 from the next request on. Revoking twice changes nothing. */
export async function revokeApiKey(db: Database, ctx: Ctx, input: RevokeApiKeyInput): Promise<Committed<null>> {
  assertCan(ctx, "apiKeys.manage");
  return db.transaction(async (tx) => {
    const { result } = await once(tx, ctx, { key: input.operationId, kind: "apiKey.revoke" }, async () => {
      const [key] = await tx
        .select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.companyId, ctx.companyId)))
        .for("update");
      if (!key) throw notFound();
      if (key.revokedAt) return null;
      await tx
        .update(apiKeys)
        .set({ revokedAt: sql`now()`, revokedBy: ctx.userId })
        .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)));
      await recordAudit(tx, ctx, { action: "api_key.revoked", targetType: "api_key", targetId: key.id, details: { name: key.name } });
      return null;
    });
    return { result };
  });
}

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The company's keys, newest first; a company has a handful, so there is no paging. */
export async function listApiKeys(db: DatabaseOrTransaction, ctx: Ctx): Promise<ApiKeyRow[]> {
  assertCan(ctx, "apiKeys.manage");
  const creator = alias(users, "creator");
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      createdByName: creator.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(creator, eq(creator.id, apiKeys.createdBy))
    .where(eq(apiKeys.companyId, ctx.companyId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
