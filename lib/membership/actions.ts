"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/permissions";
import { searchPeople } from "@/lib/people/queries/search";
import { searchTermField } from "@/lib/text";
import { addMembers } from "./operations/add-members";
import { joinGroup } from "./operations/join-group";
import { leaveGroup } from "./operations/leave-group";
import { moveMembers } from "./operations/move-members";
import { removeMembers } from "./operations/remove-members";
import { previewAddMembers } from "./queries/preview";
import { previewAddSchema } from "./schemas";

function refresh(...groupIds: string[]) {
  revalidatePath("/admin/groups");
  revalidatePath("/groups");
  revalidatePath("/");
  // "layout": the group's tabs are routes below it.
  for (const id of groupIds) revalidatePath(`/groups/${id}`, "layout");
}

export const searchPeopleAction = authorizedAction(
  // Without a group (the assignment wizard) nobody is marked as already a member.
  z.object({ term: searchTermField(100), groupId: z.uuid().optional() }),
  async (input, viewer) => {
    // The people search serves HR's forms too; this picker is the admin screens' (filling groups, assigning).
    assertCan(viewer, "group.list");
    return { data: await searchPeople(companyDb(viewer), viewer, input) };
  },
);

export const previewAddMembersAction = authorizedAction(previewAddSchema, async (input, viewer) => ({
  data: await previewAddMembers(companyDb(viewer), viewer, input.groupId, input.selection),
}));

export const addMembersAction = operationAction(addMembers, { refresh: (input) => refresh(input.groupId) });
export const removeMembersAction = operationAction(removeMembers, { refresh: (input) => refresh(input.groupId) });
export const moveMembersAction = operationAction(moveMembers, { refresh: (input) => refresh(input.groupId, input.targetGroupId) });
export const joinGroupAction = operationAction(joinGroup, { refresh: (input) => refresh(input.groupId) });
export const leaveGroupAction = operationAction(leaveGroup, { refresh: (input) => refresh(input.groupId) });
