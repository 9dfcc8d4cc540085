import { cache } from "react";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getPerson } from "@/lib/people/queries/person";
import { can } from "@/lib/permissions";

/** The person, or null when they do not exist for this viewer (also for an id that is no uuid). */
export const loadPerson = cache(async (id: string, auditPage: number) => {
  const viewer = await requireViewer();
  if (!can(viewer, "people.view") || !z.uuid().safeParse(id).success) return null;
  return getPerson(companyDb(viewer), viewer, id, { auditPage });
});
