"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { completeLesson } from "./completion";
import { completeLessonSchema } from "./schemas";

export const completeLessonAction = authorizedAction(completeLessonSchema, async (input, viewer) => {
  const { result, ...delivery } = await completeLesson(getDb(), viewer, input);
  // Progress shows on the lesson, its course, the course list and the home page.
  revalidatePath("/courses/[id]/lessons/[lessonId]", "page");
  revalidatePath("/courses/[id]", "page");
  revalidatePath("/courses");
  revalidatePath("/");
  return { data: result, ...delivery };
});
