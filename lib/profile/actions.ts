"use server";

import { revalidatePath } from "next/cache";
import { operationAction } from "@/lib/actions/safe-action";
import { updateProfile } from "./operations/update-profile";

export const updateProfileAction = operationAction(updateProfile, {
  // The name in the header, the language and the time zone show on every page.
  refresh: () => revalidatePath("/", "layout"),
});
