import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import type { Committed, OperationOptions } from "@/lib/operations/kernel";
import { assertCan } from "@/lib/permissions";
import { type CourseFile, type ImportIssue, parseCourseFile, validateCourseFile } from "./format";
import { type ImportSummary, importValidCourse } from "./operations/import-valid-course";

/** An invalid file changes nothing and claims no operation id, so the corrected file can go with the same one. */
export type ImportResult = { status: "imported"; summary: ImportSummary } | { status: "invalid"; issues: ImportIssue[]; total: number };

export type ImportInput = { file: string | CourseFile; operationId: string };

/**
 * Imports a course file (its text, or its parsed data): the permission first, then the file is read
 * and checked; an invalid one is answered with its issues, changes nothing and claims no operation
 * id, so the corrected file can go with the same one. A valid one is `importValidCourse`.
 */
export async function importCourse(
  db: Database,
  ctx: Ctx,
  input: ImportInput,
  options?: OperationOptions,
): Promise<Committed<ImportResult>> {
  assertCan(ctx, "course.import");
  const checked = typeof input.file === "string" ? parseCourseFile(input.file) : validateCourseFile(input.file);
  if (!checked.ok) return { result: { status: "invalid", issues: checked.issues, total: checked.total } };
  const { result, ...delivery } = await importValidCourse(db, ctx, { course: checked.course, operationId: input.operationId }, options);
  return { result: { status: "imported", summary: result }, ...delivery };
}
