import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getGroupPreview } from "@/lib/groups/my-groups/queries";
import { getGroupView } from "@/lib/groups/queries";

/** The group, or null when it does not exist for this viewer (also for an id that is no uuid). */
export const loadGroup = cache(async (id: string) => {
  const viewer = await requireViewer();
  return z.uuid().safeParse(id).success ? getGroupView(getDb(), viewer, id) : null;
});

/** A public group's preview for someone of the company who cannot read it; null for everyone else. */
export const loadPreview = cache(async (id: string) => {
  const viewer = await requireViewer();
  return z.uuid().safeParse(id).success ? getGroupPreview(getDb(), viewer, id) : null;
});
