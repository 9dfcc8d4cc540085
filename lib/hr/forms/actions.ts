"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/permissions";
import { searchPeople } from "@/lib/people/queries/search";
import { changeDepartment } from "./operations/change-department";
import { createNewHire } from "./operations/create-new-hire";
import { recordLeaver } from "./operations/record-leaver";
import { getPersonGroups, searchFormGroups } from "./queries";
import { formGroupSearchSchema, personGroupsSchema, personSearchSchema } from "./schemas";

export const newHireAction = operationAction(createNewHire, { refresh: () => revalidatePath("/admin/people") });

export const departmentChangeAction = operationAction(changeDepartment, {
  refresh: (input) => revalidatePath(`/admin/people/${input.personId}`),
});

export const leaverAction = operationAction(recordLeaver, { refresh: (input) => revalidatePath(`/admin/people/${input.personId}`) });

/** People of the company matching a name or email who are still active, best match first: the forms' person and manager pickers. */
export const hrPeopleSearchAction = authorizedAction(personSearchSchema, async ({ term }, viewer) => {
  assertCan(viewer, "hr.forms");
  return { data: await searchPeople(companyDb(viewer), viewer, { term }) };
});

export const personGroupsAction = authorizedAction(personGroupsSchema, async ({ personId }, viewer) => ({
  data: await getPersonGroups(companyDb(viewer), viewer, personId),
}));

/** A page of the company's active groups matching what was typed, suggestions first: the forms' group lists. */
export const searchFormGroupsAction = authorizedAction(formGroupSearchSchema, async ({ term }, viewer) => ({
  data: await searchFormGroups(companyDb(viewer), viewer, term),
}));
