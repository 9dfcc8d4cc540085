import { z } from "zod";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { type CreateApiKeyInput, createApiKeySchema } from "../schemas";
import { API_KEY_PATTERN, type CreatedApiKey, hashApiKey, newApiKeySecret, SHOWN_PREFIX_LENGTH, withSecret } from "../secret";

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

/** Creates a key as the admin's dialog does, for callers outside a request (tests, the benchmark's set-up). */
export async function createApiKey(db: Database, ctx: Ctx, input: CreateApiKeyInput): Promise<Committed<CreatedApiKey>> {
  const secret = newApiKeySecret();
  const { result } = await createApiKeyOperation(db, ctx, { ...input, secret });
  return { result: withSecret(result, secret) };
}
