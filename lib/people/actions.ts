"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/permissions";
import { searchPeople } from "./queries/search";
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
  assertCan(viewer, "people.edit");
  const found = await searchPeople(companyDb(viewer), viewer, { term });
  return { data: found.filter((candidate) => candidate.id !== personId) };
});
