import { z } from "zod";
import type { ApiKeyScope } from "@/db/schema";
import { textField } from "@/lib/text";

export const API_KEY_NAME_MAX = 100;

/**
 * The database enum's values, written out so the browser's form (which imports this module) carries
 * no database code; a record over the enum's type fails to compile if the two ever differ.
 */
const SCOPES: Record<ApiKeyScope, true> = { read: true, write: true };
const API_KEY_SCOPES = Object.keys(SCOPES) as [ApiKeyScope, ...ApiKeyScope[]];

const operationId = z.uuid();

export const createApiKeySchema = z.object({
  name: textField({ max: API_KEY_NAME_MAX, tooLong: "apiKeys.validation.nameTooLong", required: "apiKeys.validation.nameRequired" }),
  scope: z.enum(API_KEY_SCOPES, { error: "apiKeys.validation.scopeRequired" }),
  operationId,
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ keyId: z.uuid(), operationId });
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;
