"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { listGroupOptions } from "@/lib/groups/queries";
import { listDepartments, searchPeople } from "@/lib/people/queries";
import { searchTermField } from "@/lib/text";
import { addMembersSchema, moveMembersSchema, previewAddSchema, removeMembersSchema, selfServiceSchema } from "./schemas";
import { joinGroup, leaveGroup } from "./self-service";
import { addMembers, moveMembers, previewAddMembers, removeMembers } from "./service";

function refresh(...groupIds: string[]) {
  revalidatePath("/admin/groups");
  revalidatePath("/groups");
  revalidatePath("/");
  for (const id of groupIds) revalidatePath(`/groups/${id}`);
}

export const searchPeopleAction = authorizedAction(
  // Without a group (the assignment wizard) nobody is marked as already a member.
  z.object({ term: searchTermField(100), groupId: z.uuid().optional() }),
  async (input, viewer) => ({ data: await searchPeople(getDb(), viewer, input) }),
);

export const addMembersOptionsAction = authorizedAction(z.object({ groupId: z.uuid() }), async ({ groupId }, viewer) => {
  const db = getDb();
  const [departments, groups] = await Promise.all([
    listDepartments(db, viewer),
    listGroupOptions(db, viewer, { includeArchived: true, exceptGroupId: groupId }),
  ]);
  return { data: { departments, groups } };
});

export const moveTargetsAction = authorizedAction(z.object({ groupId: z.uuid() }), async ({ groupId }, viewer) => ({
  data: await listGroupOptions(getDb(), viewer, { includeArchived: false, exceptGroupId: groupId }),
}));

export const previewAddMembersAction = authorizedAction(previewAddSchema, async (input, viewer) => ({
  data: await previewAddMembers(getDb(), viewer, input.groupId, input.selection),
}));

export const addMembersAction = authorizedAction(addMembersSchema, async (input, viewer) => {
  const { result, ...delivery } = await addMembers(getDb(), viewer, input);
  refresh(input.groupId);
  return { data: result, ...delivery };
});

export const removeMembersAction = authorizedAction(removeMembersSchema, async (input, viewer) => {
  const { result, ...delivery } = await removeMembers(getDb(), viewer, input);
  refresh(input.groupId);
  return { data: result, ...delivery };
});

export const moveMembersAction = authorizedAction(moveMembersSchema, async (input, viewer) => {
  const { result, ...delivery } = await moveMembers(getDb(), viewer, input);
  refresh(input.groupId, input.targetGroupId);
  return { data: result, ...delivery };
});

export const joinGroupAction = authorizedAction(selfServiceSchema, async (input, viewer) => {
  const { result, ...delivery } = await joinGroup(getDb(), viewer, input);
  refresh(input.groupId);
  return { data: result, ...delivery };
});

export const leaveGroupAction = authorizedAction(selfServiceSchema, async (input, viewer) => {
  const { result, ...delivery } = await leaveGroup(getDb(), viewer, input);
  refresh(input.groupId);
  return { data: result, ...delivery };
});
