"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { COURSE_FILE_MAX_BYTES } from "./format";
import { importCourse } from "./service";

/** The file's text as the browser read it; the service checks its size in bytes, its JSON and its format. */
const importCourseSchema = z.object({ file: z.string().max(COURSE_FILE_MAX_BYTES), operationId: z.uuid() });

export const importCourseAction = authorizedAction(importCourseSchema, async (input, viewer) => {
  const { result, ...delivery } = await importCourse(getDb(), viewer, input);
  if (result.status === "imported") {
    // Lesson counts and percents show on the learners' pages too.
    revalidatePath("/admin/courses");
    revalidatePath("/", "layout");
  }
  return { data: result, ...delivery };
});
