import { z } from "zod";
import { apiKeyScopeEnum } from "@/db/schema";
import { textField } from "@/lib/text";

export const API_KEY_NAME_MAX = 100;

const operationId = z.uuid();

export const createApiKeySchema = z.object({
  name: textField({ max: API_KEY_NAME_MAX, tooLong: "apiKeys.validation.nameTooLong", required: "apiKeys.validation.nameRequired" }),
  scope: z.enum(apiKeyScopeEnum.enumValues, { error: "apiKeys.validation.scopeRequired" }),
  operationId,
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ keyId: z.uuid(), operationId });
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;
