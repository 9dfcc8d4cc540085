"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { createGroupSchema, deleteGroupSchema, groupOperationSchema, updateGroupSchema } from "./schemas";
import { archiveGroup, createGroup, deleteGroup, restoreGroup, takeOwnership, updateGroup } from "./service";

function refreshGroupPages(groupId?: string) {
  revalidatePath("/admin/groups");
  revalidatePath("/");
  if (groupId) revalidatePath(`/groups/${groupId}`);
}

export const createGroupAction = authorizedAction(createGroupSchema, async (input, viewer) => {
  const { result, events } = await createGroup(getDb(), viewer, input);
  refreshGroupPages();
  return { data: result, events };
});

export const updateGroupAction = authorizedAction(updateGroupSchema, async (input, viewer) => {
  const { events } = await updateGroup(getDb(), viewer, input);
  refreshGroupPages(input.groupId);
  return { data: null, events };
});

export const archiveGroupAction = authorizedAction(groupOperationSchema, async (input, viewer) => {
  const { events } = await archiveGroup(getDb(), viewer, input);
  refreshGroupPages(input.groupId);
  return { data: null, events };
});

export const restoreGroupAction = authorizedAction(groupOperationSchema, async (input, viewer) => {
  const { events } = await restoreGroup(getDb(), viewer, input);
  refreshGroupPages(input.groupId);
  return { data: null, events };
});

export const deleteGroupAction = authorizedAction(deleteGroupSchema, async (input, viewer) => {
  const { events } = await deleteGroup(getDb(), viewer, input);
  refreshGroupPages();
  return { data: null, events };
});

export const takeOwnershipAction = authorizedAction(groupOperationSchema, async (input, viewer) => {
  const { events } = await takeOwnership(getDb(), viewer, input);
  refreshGroupPages(input.groupId);
  return { data: null, events };
});
