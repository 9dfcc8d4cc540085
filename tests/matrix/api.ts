import type { Cast } from "../attackers";
import { createDepartment, opId } from "../fixtures";

/** One endpoint of the HR API: its rightful request, made in the cast, sent with the company's key of the endpoint's scope. */
export type ApiCase = {
  /** The request names a thing of the company (a person, a group, a course): another company's key gets 404. Default: it does. */
  names?: boolean;
  /** The status for another company's thing, when not 404: a body's reference that names nothing is unprocessable (422). */
  notFound?: number;
  prepare: (cast: Cast) => Promise<{ path: string; body?: unknown }>;
};

const deadline = { kind: "relative", days: 30 } as const;

/** Cases by the endpoint's operationId (the registry's, the OpenAPI document's). */
export const apiCases: Record<string, ApiCase> = {
  listPeople: { names: false, prepare: async () => ({ path: "/people" }) },
  createPerson: {
    names: false,
    prepare: async () => ({ path: "/people", body: { name: "Ines Integration", email: `ines.${opId().slice(0, 8)}@acme.example` } }),
  },
  updatePerson: {
    prepare: async (cast) => ({
      path: `/people/${(await cast.person()).id}`,
      body: { departmentId: (await createDepartment(cast.db, cast.companyId, `Payroll ${opId().slice(0, 8)}`)).id },
    }),
  },
  deactivatePerson: { prepare: async (cast) => ({ path: `/people/${(await cast.person()).id}/deactivate`, body: {} }) },
  listGroups: { names: false, prepare: async () => ({ path: "/groups" }) },
  getGroup: { prepare: async (cast) => ({ path: `/groups/${cast.privateGroupId}` }) },
  addGroupMembers: {
    prepare: async (cast) => ({ path: `/groups/${(await cast.group()).id}/members`, body: { userIds: [cast.learner.id] } }),
  },
  removeGroupMembers: {
    prepare: async (cast) => ({ path: `/groups/${(await cast.group()).id}/members/remove`, body: { userIds: [cast.member.id] } }),
  },
  getGroupStatistics: { prepare: async (cast) => ({ path: `/groups/${cast.privateGroupId}/statistics` }) },
  createAssignments: {
    notFound: 422,
    prepare: async (cast) => ({
      path: "/assignments",
      body: { courseId: cast.courseId, deadline, selection: { mode: "individuals", userIds: [(await cast.person()).id] } },
    }),
  },
};
