import { cache } from "react";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getCourseForLearner } from "@/lib/learning/queries";

/** The course, or null when it is not one of my company's (also for an id that is no uuid). */
export const loadCourse = cache(async (id: string) => {
  const viewer = await requireViewer();
  return z.uuid().safeParse(id).success ? getCourseForLearner(companyDb(viewer), viewer, id) : null;
});
