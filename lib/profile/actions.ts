"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { updateProfileSchema } from "./schemas";
import { updateProfile } from "./service";

export const updateProfileAction = authorizedAction(updateProfileSchema, async (input, viewer) => {
  await updateProfile(getDb(), viewer, input);
  // The name in the header, the language and the time zone show on every page.
  revalidatePath("/", "layout");
  return { data: null };
});
