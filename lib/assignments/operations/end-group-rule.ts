import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { AppError } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { endRuleSchema } from "../schemas";

/** Ends a group's rule: people who join from now on are not assigned; the assignments it gave stay as they are. */
export const endGroupRule = defineOperation({
  kind: "assignment.rule_end",
  permission: "assignment.assign",
  input: endRuleSchema,
  run: async ({ tx, ctx, input, audit }): Promise<Committed<{ groupId: string }>> => {
    const [rule] = await queryRows<{ groupId: string; courseId: string }>(
      tx,
      sql`delete from assignment_rules where id = ${input.ruleId} and company_id = ${ctx.companyId}
          returning group_id as "groupId", course_id as "courseId"`,
    );
    if (!rule) throw new AppError("assignment_rule_not_found");
    await audit({
      action: "assignment.rule_ended",
      targetType: "group",
      targetId: rule.groupId,
      details: { ruleId: input.ruleId, courseId: rule.courseId },
    });
    return { result: { groupId: rule.groupId } };
  },
});
