"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/permissions";
import { listPeople } from "@/lib/people/directory";
import { changeDepartment } from "./department-change";
import { recordLeaver } from "./leaver";
import { createNewHire } from "./new-hire";
import { getPersonGroups } from "./queries";
import { departmentChangeSchema, leaverSchema, newHireSchema, personGroupsSchema, personSearchSchema } from "./schemas";

export const newHireAction = authorizedAction(newHireSchema, async (input, viewer) => {
  const { result, ...delivery } = await createNewHire(getDb(), viewer, input);
  revalidatePath("/admin/people");
  return { data: result, ...delivery };
});

export const departmentChangeAction = authorizedAction(departmentChangeSchema, async (input, viewer) => {
  const { result, ...delivery } = await changeDepartment(getDb(), viewer, input);
  revalidatePath(`/admin/people/${input.personId}`);
  return { data: result, ...delivery };
});

export const leaverAction = authorizedAction(leaverSchema, async (input, viewer) => {
  const { result, ...delivery } = await recordLeaver(getDb(), viewer, input);
  revalidatePath(`/admin/people/${input.personId}`);
  return { data: result, ...delivery };
});

/** People of the company matching a name or email who are still active: the forms' person and manager pickers. */
export const hrPeopleSearchAction = authorizedAction(personSearchSchema, async ({ term }, viewer) => {
  assertCan(viewer, "hr.forms");
  const { rows } = await listPeople(getDb(), viewer, { q: term });
  return {
    data: rows
      .filter((row) => row.status !== "deactivated")
      .map(({ id, name, email, departmentName }) => ({ id, name, email, departmentName })),
  };
});

export const personGroupsAction = authorizedAction(personGroupsSchema, async ({ personId }, viewer) => ({
  data: await getPersonGroups(getDb(), viewer, personId),
}));
