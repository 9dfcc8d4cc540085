"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { listPeople } from "./directory";
import { managerSearchSchema, personOperationSchema, updatePersonSchema } from "./schemas";
import { deactivatePerson, reactivatePerson, updatePerson } from "./service";

function refreshPeoplePages(personId: string) {
  revalidatePath("/admin/people");
  revalidatePath(`/admin/people/${personId}`);
}

export const updatePersonAction = authorizedAction(updatePersonSchema, async (input, viewer) => {
  const { result, ...delivery } = await updatePerson(getDb(), viewer, input);
  refreshPeoplePages(input.personId);
  return { data: result, ...delivery };
});

export const deactivatePersonAction = authorizedAction(personOperationSchema, async (input, viewer) => {
  const { result, ...delivery } = await deactivatePerson(getDb(), viewer, input);
  refreshPeoplePages(input.personId);
  return { data: result, ...delivery };
});

export const reactivatePersonAction = authorizedAction(personOperationSchema, async (input, viewer) => {
  const { result, ...delivery } = await reactivatePerson(getDb(), viewer, input);
  refreshPeoplePages(input.personId);
  return { data: result, ...delivery };
});

/**
 * Candidates for "Change manager": people of the company matching the term who are not
 * deactivated (a new hire still invited may already lead someone), the person left out.
 */
export const managerOptionsAction = authorizedAction(managerSearchSchema, async ({ personId, term }, viewer) => {
  const { rows } = await listPeople(getDb(), viewer, { q: term });
  return {
    data: rows
      .filter((row) => row.id !== personId && row.status !== "deactivated")
      .map(({ id, name, email, departmentName }) => ({ id, name, email, departmentName })),
  };
});
