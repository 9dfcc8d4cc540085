import { assignCourse } from "@/lib/assignments/operations/assign-course";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import type { Cast } from "../attackers";
import { createDepartment, opId } from "../fixtures";
import { type ActionCases, rightful } from "./cases";

/**
 * HR's forms (HR staff and admins, acting as the `hr` actor), the API's keys, mandatory assignments,
 * and learning: a lesson completed is the learner's own, so anyone of the company completes it for
 * themselves.
 */

const deadline = { kind: "relative", days: 30 } as const;
/** Assignments name what they cannot find in their own words. */
const courseNotFound = { ok: false, error: { code: "course_not_found" } };

/** A rule on a group of its own: whoever joins it later is assigned the course. */
async function groupRule(cast: Cast): Promise<string> {
  const { id: groupId } = await cast.group();
  await assignCourse(cast.db, cast.owner, {
    courseId: cast.courseId,
    deadline,
    selection: { mode: "group", groupId, keepApplying: true, onRemoval: "keep" },
    operationId: opId(),
  });
  const [rule] = await cast.db.query.assignmentRules.findMany({ where: (rules, { eq }) => eq(rules.groupId, groupId) });
  return rule!.id;
}

const courseFile = () =>
  new Blob([JSON.stringify({ key: `matrix-${opId().slice(0, 8)}`, title: "Matrix basics", lessons: [{ key: "one", title: "One" }] })], {
    type: "application/json",
  });

export const hrActions: ActionCases = {
  "lib/hr/forms/actions.ts": {
    newHireAction: {
      as: "hr",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () =>
        rightful({ name: "Hana Hire", email: `hana.${opId().slice(0, 8)}@acme.example`, startDate: "2031-03-01", operationId: opId() }),
    },
    departmentChangeAction: {
      as: "hr",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({
          personId: (await cast.person()).id,
          departmentId: (await createDepartment(cast.db, cast.companyId, `Finance ${opId().slice(0, 8)}`)).id,
          operationId: opId(),
        }),
    },
    leaverAction: {
      as: "hr",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ personId: (await cast.person()).id, operationId: opId() }),
    },
    hrPeopleSearchAction: {
      as: "hr",
      permission: "hr.forms",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ term: "Mi" }),
    },
    personGroupsAction: {
      as: "hr",
      permission: "hr.forms",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ personId: cast.member.id }),
    },
    searchFormGroupsAction: {
      // The company's active groups, as HR's forms offer them: another company's HR reads their own.
      as: "hr",
      permission: "hr.forms",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ term: "" }),
    },
  },
  "lib/hr/api-keys/actions.ts": {
    createApiKeyAction: {
      as: "owner",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ name: "Payroll sync", scope: "read", operationId: opId() }),
    },
    revokeApiKeyAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => {
        const { result } = await createApiKey(cast.db, cast.owner, { name: "Old sync", scope: "write", operationId: opId() });
        return rightful({ keyId: result.keyId, operationId: opId() });
      },
    },
  },
  "lib/assignments/actions.ts": {
    previewAssignmentAction: {
      as: "owner",
      permission: "assignment.assign",
      allows: ["nonOwnerAdmin"],
      notFound: courseNotFound,
      prepare: async (cast) =>
        rightful({ courseId: cast.courseId, deadline, selection: { mode: "individuals", userIds: [cast.member.id] } }),
    },
    assignCourseAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      notFound: courseNotFound,
      prepare: async (cast) =>
        rightful({
          courseId: cast.courseId,
          deadline,
          selection: { mode: "individuals", userIds: [(await cast.person()).id] },
          operationId: opId(),
        }),
    },
    assignPersonAction: {
      // The person is looked up first: the other company's caller learns nothing of the course either.
      as: "owner",
      allows: ["nonOwnerAdmin"],
      notFound: { ok: false, error: { code: "assignment_person_not_found" } },
      prepare: async (cast) => rightful({ personId: (await cast.person()).id, courseId: cast.courseId, deadline, operationId: opId() }),
    },
    listGroupRulesAction: {
      as: "owner",
      permission: "assignment.assign",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId }),
    },
    endGroupRuleAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      notFound: { ok: false, error: { code: "assignment_rule_not_found" } },
      prepare: async (cast) => rightful({ ruleId: await groupRule(cast), operationId: opId() }),
    },
  },
  "lib/learning/actions.ts": {
    completeLessonAction: {
      as: "member",
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async (cast) => rightful({ lessonId: cast.lessonId, operationId: opId() }),
    },
    searchCourseOptionsAction: {
      // The company's course catalogue, which every one of its people sees: another company's person reads their own.
      as: "member",
      permission: null,
      names: false,
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async () => rightful({ term: "" }),
    },
  },
  "lib/learning/import/actions.ts": {
    importCourseAction: {
      as: "owner",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ file: courseFile(), operationId: opId() }),
    },
  },
};
