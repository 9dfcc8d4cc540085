"use server";

import { revalidatePath } from "next/cache";
import { operationAction } from "@/lib/actions/safe-action";
import { completeLesson } from "./operations/complete-lesson";

export const completeLessonAction = operationAction(completeLesson, {
  // Progress shows on the lesson, its course, the course list and the home page.
  refresh: () => {
    revalidatePath("/courses/[id]/lessons/[lessonId]", "page");
    revalidatePath("/courses/[id]", "page");
    revalidatePath("/courses");
    revalidatePath("/");
  },
});
