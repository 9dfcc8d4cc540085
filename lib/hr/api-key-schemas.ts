import { z } from "zod";
import { apiKeyScopeEnum } from "@/db/schema";

export const API_KEY_NAME_MAX = 100;

const operationId = z.uuid();

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "apiKeys.validation.nameRequired" })
    .max(API_KEY_NAME_MAX, { error: "apiKeys.validation.nameTooLong" }),
  scope: z.enum(apiKeyScopeEnum.enumValues, { error: "apiKeys.validation.scopeRequired" }),
  operationId,
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ keyId: z.uuid(), operationId });
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;
