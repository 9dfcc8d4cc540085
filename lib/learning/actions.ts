"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { searchTermField } from "@/lib/text";
import { completeLesson } from "./operations/complete-lesson";
import { searchCourseOptions } from "./queries";

export const completeLessonAction = operationAction(completeLesson, {
  // Progress shows on the lesson, its course, the course list and the home page.
  refresh: () => {
    revalidatePath("/courses/[id]/lessons/[lessonId]", "page");
    revalidatePath("/courses/[id]", "page");
    revalidatePath("/courses");
    revalidatePath("/");
  },
});

/** A page of the company's courses matching what was typed: every course picker. */
export const searchCourseOptionsAction = authorizedAction(z.object({ term: searchTermField(100) }), async ({ term }, viewer) => ({
  data: await searchCourseOptions(companyDb(viewer), viewer, term),
}));
