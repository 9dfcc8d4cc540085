"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { createApiKeySchema, revokeApiKeySchema } from "./api-key-schemas";
import { createApiKey, revokeApiKey } from "./api-keys";

const refresh = () => revalidatePath("/admin/api-keys");

/** The secret goes back to the dialog that shows it once; it is never stored or logged. */
export const createApiKeyAction = authorizedAction(createApiKeySchema, async (input, viewer) => {
  const { result } = await createApiKey(getDb(), viewer, input);
  refresh();
  return { data: result };
});

export const revokeApiKeyAction = authorizedAction(revokeApiKeySchema, async (input, viewer) => {
  await revokeApiKey(getDb(), viewer, input);
  refresh();
  return { data: null };
});
