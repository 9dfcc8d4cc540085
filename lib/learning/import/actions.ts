"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, type Outcome } from "@/lib/actions/safe-action";
import { COURSE_FILE_MAX_BYTES } from "./format";
import { type ImportResult, importCourse } from "./import-course";
import { importValidCourse } from "./operations/import-valid-course";

/**
 * The file itself, as a Blob: it travels as a part of the action's multipart body, byte for byte.
 * (As a string inside the JSON body it could grow up to six times: JSON escapes each control
 * character as `\u00XX`.) Anything beyond the limit is refused unread; `importCourse` reports the
 * size, the JSON syntax and the format of the rest.
 */
const importCourseSchema = z.object({ file: z.instanceof(Blob), operationId: z.uuid() });

// The one action that reads its input (a file) before its operation: the file's size, syntax and
// format are answered as data (the dialog lists the issues), and only a valid course becomes the
// operation `importValidCourse`, which the inventory is told this action runs.

export const importCourseAction = authorizedAction(
  importCourseSchema,
  async (input, viewer): Promise<Outcome<ImportResult>> => {
    const bytes = input.file.size;
    if (bytes > COURSE_FILE_MAX_BYTES) {
      return {
        data: { status: "invalid", total: 1, issues: [{ path: "", code: "fileTooLarge", values: { bytes, max: COURSE_FILE_MAX_BYTES } }] },
      };
    }
    const { result, ...delivery } = await importCourse(companyDb(viewer), viewer, {
      file: await input.file.text(),
      operationId: input.operationId,
    });
    if (result.status === "imported") {
      // Lesson counts and percents show on the learners' pages too.
      revalidatePath("/admin/courses");
      revalidatePath("/", "layout");
    }
    return { data: result, ...delivery };
  },
  importValidCourse,
);
