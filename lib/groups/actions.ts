"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { searchTermField } from "@/lib/text";
import { archiveGroup } from "./operations/archive-group";
import { createGroup } from "./operations/create-group";
import { deleteGroup } from "./operations/delete-group";
import { restoreGroup } from "./operations/restore-group";
import { takeOwnership } from "./operations/take-ownership";
import { updateGroup } from "./operations/update-group";
import { searchGroupOptions } from "./queries";

function refreshGroupPages(groupId?: string) {
  revalidatePath("/admin/groups");
  revalidatePath("/");
  if (groupId) revalidatePath(`/groups/${groupId}`, "layout"); // and its tabs, the routes below it
}

const refreshGroup = (input: { groupId: string }) => refreshGroupPages(input.groupId);
const nothing = () => null;

export const createGroupAction = operationAction(createGroup, { refresh: () => refreshGroupPages() });
export const updateGroupAction = operationAction(updateGroup, { refresh: refreshGroup, data: nothing });
export const archiveGroupAction = operationAction(archiveGroup, { refresh: refreshGroup, data: nothing });
export const restoreGroupAction = operationAction(restoreGroup, { refresh: refreshGroup, data: nothing });
export const deleteGroupAction = operationAction(deleteGroup, { refresh: () => refreshGroupPages(), data: nothing });
export const takeOwnershipAction = operationAction(takeOwnership, { refresh: refreshGroup, data: nothing });

/** A group picker's options (`GroupSelect`): the first matches of a name, of active groups or all. */
export const searchGroupOptionsAction = authorizedAction(
  z.object({ term: searchTermField(100), includeArchived: z.boolean(), exceptGroupId: z.uuid().optional() }),
  async (input, viewer) => ({ data: await searchGroupOptions(companyDb(viewer), viewer, input) }),
);
