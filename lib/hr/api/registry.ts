import { createAssignments } from "./routes/assignments";
import { addGroupMembers, getGroup, groupStatistics, listGroups, removeGroupMembers } from "./routes/groups";
import { createPerson, deactivatePersonRoute, listPeople, updatePersonRoute } from "./routes/people";
import type { ApiRoute } from "./route";

/** Where the API lives; paths below are relative to it. */
export const API_BASE = "/api/v1";

/**
 * Every endpoint of the HR integration API, in the reference's order. The router, the OpenAPI
 * document and the reference page all read this list: an endpoint is added here, in one place.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  listPeople,
  createPerson,
  updatePersonRoute,
  deactivatePersonRoute,
  listGroups,
  getGroup,
  addGroupMembers,
  removeGroupMembers,
  groupStatistics,
  createAssignments,
];
