"use server";

import { revalidatePath } from "next/cache";
import { operationAction } from "@/lib/actions/safe-action";
import { createApiKeyOperation } from "./operations/create-api-key-operation";
import { revokeApiKey } from "./operations/revoke-api-key";
import type { CreateApiKeyInput } from "./schemas";
import { newApiKeySecret, withSecret } from "./secret";

const refresh = () => revalidatePath("/admin/api-keys");

/** The secret is made here, for this submission, and goes back to the dialog that shows it once; it is never stored or logged. */
export const createApiKeyAction = operationAction(createApiKeyOperation, {
  prepare: (input: CreateApiKeyInput) => ({ ...input, secret: newApiKeySecret() }),
  refresh,
  data: (result, input) => withSecret(result, input.secret),
});

export const revokeApiKeyAction = operationAction(revokeApiKey, { refresh, data: () => null });
