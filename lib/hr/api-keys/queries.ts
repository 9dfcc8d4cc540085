import "server-only";
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@/db/client";
import { type ApiKeyScope, apiKeys, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { assertCan } from "@/lib/permissions";

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
