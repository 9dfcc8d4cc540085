import { defineOperation } from "@/lib/operations/kernel";
import { runAssignment } from "../assign";
import { assignCourseSchema } from "../schemas";

/**
 * The bulk wizard's Confirm (source `bulk`); the API calls it with an `api_key` actor. Admins assign
 * through the person page and the wizard, HR forms and API keys through their own paths (delegated
 * actors hold `assignment.assign`), learners never.
 */
export const assignCourse = defineOperation({
  kind: "assignment.assign",
  permission: "assignment.assign",
  input: assignCourseSchema,
  // No right on a resource to read beyond the permission (the course and the group are read under
  // lock); the step is here so that a re-submitted form is answered from the stored result before
  // any lock or transaction, as it was.
  authorize: async () => undefined,
  run: (scope) => runAssignment(scope, { ...scope.input, source: "bulk" }),
});
