"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { listPeople } from "./queries/directory";
import { managerSearchSchema } from "./schemas";
import { deactivatePerson } from "./operations/deactivate-person";
import { reactivatePerson } from "./operations/reactivate-person";
import { updatePerson } from "./operations/update-person";

function refreshPeoplePages(personId: string) {
  revalidatePath("/admin/people");
  revalidatePath(`/admin/people/${personId}`);
}

const refresh = (input: { personId: string }) => refreshPeoplePages(input.personId);

export const updatePersonAction = operationAction(updatePerson, { refresh });
export const deactivatePersonAction = operationAction(deactivatePerson, { refresh });
export const reactivatePersonAction = operationAction(reactivatePerson, { refresh });

/**
 * Candidates for "Change manager": people of the company matching the term who are not
 * deactivated (a new hire still invited may already lead someone), the person left out.
 */
export const managerOptionsAction = authorizedAction(managerSearchSchema, async ({ personId, term }, viewer) => {
  const { rows } = await listPeople(companyDb(viewer), viewer, { q: term });
  return {
    data: rows
      .filter((row) => row.id !== personId && row.status !== "deactivated")
      .map(({ id, name, email, departmentName }) => ({ id, name, email, departmentName })),
  };
});
