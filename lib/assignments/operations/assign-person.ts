import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { runAssignment } from "../assign";
import { assignPersonSchema } from "../schemas";

/**
 * The person page's "Assign a course" (source `direct`): unlike a batch, naming someone who is not in
 * the company, or is deactivated, is an error rather than a count — read before a replay is answered.
 */
export const assignPerson = defineOperation({
  kind: "assignment.assignPerson",
  permission: "assignment.assign",
  input: assignPersonSchema,
  authorize: async (db, ctx, input) => {
    const [person] = await queryRows<{ name: string; deactivated: boolean }>(
      db,
      sql`select name, deactivated_at is not null as deactivated from users where id = ${input.personId} and company_id = ${ctx.companyId}`,
    );
    if (!person) throw new AppError("assignment_person_not_found");
    if (person.deactivated) throw new AppError("assignment_person_deactivated", { name: person.name });
  },
  run: (scope) => {
    const { personId, ...terms } = scope.input;
    return runAssignment(scope, { ...terms, selection: { mode: "individuals", userIds: [personId] }, source: "direct" });
  },
});
