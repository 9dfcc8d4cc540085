"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { requireGroupAccess } from "@/lib/group-access/access";
import { groupRulesSchema, previewAssignmentSchema } from "./schemas";
import { assignCourse } from "./operations/assign-course";
import { assignPerson } from "./operations/assign-person";
import { endGroupRule } from "./operations/end-group-rule";
import { listGroupRules, previewAssignment } from "./queries";

function refresh(...paths: string[]) {
  revalidatePath("/admin/assignments");
  for (const path of paths) revalidatePath(path, "layout"); // a group's tabs are routes below it
}

export const previewAssignmentAction = authorizedAction(previewAssignmentSchema, async (input, viewer) => ({
  data: await previewAssignment(companyDb(viewer), viewer, input),
}));

/** The bulk wizard's Confirm. */
export const assignCourseAction = operationAction(assignCourse, { refresh: () => refresh() });

/** The person page's "Assign a course". */
export const assignPersonAction = operationAction(assignPerson, { refresh: (input) => refresh(`/admin/people/${input.personId}`) });

export const listGroupRulesAction = authorizedAction(groupRulesSchema, async ({ groupId }, viewer) => ({
  data: await listGroupRules(companyDb(viewer), viewer, await requireGroupAccess(companyDb(viewer), viewer, groupId)),
}));

export const endGroupRuleAction = operationAction(endGroupRule, { refresh: (_input, result) => refresh(`/groups/${result.groupId}`) });
