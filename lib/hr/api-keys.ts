import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { type ApiKeyScope, apiKeys, users } from "@/db/schema";
import { z } from "zod";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { assertCan } from "@/lib/permissions";
import { type CreateApiKeyInput, createApiKeySchema, revokeApiKeySchema } from "./api-key-schemas";

/** Every secret starts so, which lets secret scanners and people recognise a Cohort key. */
export const API_KEY_PREFIX = "chk_";
/** `chk_` and 32 random bytes (256 bits) in base64url. */
export const API_KEY_PATTERN = /^chk_[A-Za-z0-9_-]{43}$/;
/** What the list shows of a key: enough to tell keys apart, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type CreatedApiKey = { keyId: string; prefix: string; secret: string | null };

/** A new key's secret, made on the server for each submission (`createApiKeyAction`'s `prepare`). */
export const newApiKeySecret = () => API_KEY_PREFIX + randomBytes(32).toString("base64url");

/**
 * An admin creates a key for the company from a secret the server just made. Only its SHA-256 is
 * stored, and the result (kept for replays) holds no secret: a resubmitted form answers the first
 * key, and only the call whose secret made it shows the secret (`withSecret`), which is nowhere else.
 */
export const createApiKeyOperation = defineOperation({
  kind: "apiKey.create",
  permission: "apiKeys.manage",
  input: createApiKeySchema.extend({ secret: z.string().regex(API_KEY_PATTERN) }),
  run: async ({ tx, ctx, input, audit }) => {
    const prefix = input.secret.slice(0, SHOWN_PREFIX_LENGTH);
    const secretHash = hashApiKey(input.secret);
    const [key] = await tx
      .insert(apiKeys)
      .values({ companyId: ctx.companyId, name: input.name, scope: input.scope, prefix, secretHash, createdBy: ctx.userId })
      .returning({ id: apiKeys.id });
    await audit({
      action: "api_key.created",
      targetType: "api_key",
      targetId: key!.id,
      details: { name: input.name, scope: input.scope, prefix },
    });
    return { result: { keyId: key!.id, prefix, secretHash } };
  },
});

/** What the dialog shows: the secret only when this call's secret made the key (a replay's did not). */
export const withSecret = (result: { keyId: string; prefix: string; secretHash: string }, secret: string): CreatedApiKey => ({
  keyId: result.keyId,
  prefix: result.prefix,
  secret: result.secretHash === hashApiKey(secret) ? secret : null,
});

/** Creates a key as the admin's dialog does, for callers outside a request (tests, the benchmark's set-up). */
export async function createApiKey(db: Database, ctx: Ctx, input: CreateApiKeyInput): Promise<Committed<CreatedApiKey>> {
  const secret = newApiKeySecret();
  const { result } = await createApiKeyOperation(db, ctx, { ...input, secret });
  return { result: withSecret(result, secret) };
}

/** Revoking is final: the key answers 401 from the next request on. Revoking twice changes nothing. */
export const revokeApiKey = defineOperation({
  kind: "apiKey.revoke",
  permission: "apiKeys.manage",
  input: revokeApiKeySchema,
  run: async ({ tx, ctx, input, now, audit }) => {
    const [key] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.companyId, ctx.companyId)))
      .for("update");
    if (!key) throw notFound();
    if (key.revokedAt) return { result: null };
    await tx
      .update(apiKeys)
      .set({ revokedAt: now, revokedBy: ctx.userId })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)));
    await audit({ action: "api_key.revoked", targetType: "api_key", targetId: key.id, details: { name: key.name } });
    return { result: null };
  },
});

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
