import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { revokeApiKeySchema } from "../schemas";

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
