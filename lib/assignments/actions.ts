"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { assignCourseSchema, assignPersonSchema, endRuleSchema, groupRulesSchema, previewAssignmentSchema } from "./schemas";
import { assignCourse, assignPerson, endGroupRule, listGroupRules, previewAssignment } from "./service";

function refresh(...paths: string[]) {
  revalidatePath("/admin/assignments");
  for (const path of paths) revalidatePath(path);
}

export const previewAssignmentAction = authorizedAction(previewAssignmentSchema, async (input, viewer) => ({
  data: await previewAssignment(getDb(), viewer, input),
}));

/** The bulk wizard's Confirm. */
export const assignCourseAction = authorizedAction(assignCourseSchema, async (input, viewer) => {
  const { result, ...delivery } = await assignCourse(getDb(), viewer, input);
  refresh();
  return { data: result, ...delivery };
});

/** The person page's "Assign a course". */
export const assignPersonAction = authorizedAction(assignPersonSchema, async (input, viewer) => {
  const { result, ...delivery } = await assignPerson(getDb(), viewer, input);
  refresh(`/admin/people/${input.personId}`);
  return { data: result, ...delivery };
});

export const listGroupRulesAction = authorizedAction(groupRulesSchema, async ({ groupId }, viewer) => ({
  data: await listGroupRules(getDb(), viewer, groupId),
}));

export const endGroupRuleAction = authorizedAction(endRuleSchema, async (input, viewer) => {
  const { result, ...delivery } = await endGroupRule(getDb(), viewer, input);
  refresh(`/groups/${result.groupId}`);
  return { data: result, ...delivery };
});
