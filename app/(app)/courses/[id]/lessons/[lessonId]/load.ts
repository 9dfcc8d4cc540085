import { cache } from "react";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getLessonForLearner } from "@/lib/learning/queries";

/** The lesson, or null when it is no current lesson of that course of my company (also for ids that are no uuids). */
export const loadLesson = cache(async (courseId: string, lessonId: string) => {
  const viewer = await requireViewer();
  const ids = z.object({ courseId: z.uuid(), lessonId: z.uuid() }).safeParse({ courseId, lessonId });
  return ids.success ? getLessonForLearner(companyDb(viewer), viewer, ids.data) : null;
});
