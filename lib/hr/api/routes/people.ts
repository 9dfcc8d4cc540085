import { z } from "zod";
import { invitePerson } from "@/lib/accounts/operations/invite-person";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { updatePerson } from "@/lib/people/operations/update-person";
import { getApiPerson, listApiPeople } from "../queries";
import { defineRoute } from "../route";
import { createPersonBody, deactivation, idParams, person, personPage, peopleQuery, updatePersonBody } from "../schemas";

export const listPeople = defineRoute({
  method: "GET",
  path: "/people",
  operationId: "listPeople",
  summary: "List people",
  description: "The company's people, oldest first, a page at a time; `email` finds one person.",
  tag: "People",
  scope: "read",
  query: peopleQuery,
  response: { status: 200, description: "A page of people.", schema: personPage },
  handle: async ({ query }, { db, caller }) => ({ body: await listApiPeople(db, caller.ctx, query) }),
});

export const createPerson = defineRoute({
  method: "POST",
  path: "/people",
  operationId: "createPerson",
  summary: "Create a person",
  description:
    "Creates the person and emails them an invitation to choose a password, as an admin's invitation does. " +
    "The key gives no roles: people created by the API are learners.",
  tag: "People",
  scope: "write",
  body: createPersonBody,
  response: { status: 201, description: "The person, invited.", schema: person },
  operation: invitePerson,
  handle: async ({ body }, { db, caller, operationId }) => {
    const invited = await invitePerson(db, caller.ctx, { ...body, roles: [], operationId });
    return { status: 201, body: await getApiPerson(db, caller.ctx, invited.result.userId), mail: invited.mail };
  },
});

export const updatePersonRoute = defineRoute({
  method: "PATCH",
  path: "/people/{id}",
  operationId: "updatePerson",
  summary: "Change a person's department or manager",
  description: "Only the fields present change; null clears the department or the manager.",
  tag: "People",
  scope: "write",
  params: idParams,
  body: updatePersonBody,
  response: { status: 200, description: "The person as they are now.", schema: person },
  operation: updatePerson,
  handle: async ({ params, body }, { db, caller, operationId }) => {
    const { events, disconnectUsers } = await updatePerson(db, caller.ctx, { personId: params.id, operationId, ...body });
    return { body: await getApiPerson(db, caller.ctx, params.id), events, disconnectUsers };
  },
});

export const deactivatePersonRoute = defineRoute({
  method: "POST",
  path: "/people/{id}/deactivate",
  operationId: "deactivatePerson",
  summary: "Deactivate a person (a leaver)",
  description:
    "Sign-in ends, the person leaves every active group (archived groups keep their member lists), in one transaction. " +
    "A key never deactivates an admin (`delegated_admin`), nor the admin who created it.",
  tag: "People",
  scope: "write",
  params: idParams,
  body: z.object({}).meta({ id: "Empty" }),
  response: { status: 200, description: "The person, deactivated, and how many groups they left.", schema: deactivation },
  operation: deactivatePerson,
  handle: async ({ params }, { db, caller, operationId }) => {
    const { result, ...delivery } = await deactivatePerson(db, caller.ctx, { personId: params.id, operationId });
    return { body: { person: await getApiPerson(db, caller.ctx, params.id), groupsLeft: result.groupsLeft }, ...delivery };
  },
});
