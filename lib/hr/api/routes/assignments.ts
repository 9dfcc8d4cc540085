import { assignCourse } from "@/lib/assignments/operations/assign-course";
import { defineRoute } from "../route";
import { assignmentsCreated, createAssignmentsBody } from "../schemas";

export const createAssignments = defineRoute({
  method: "POST",
  path: "/assignments",
  operationId: "createAssignments",
  summary: "Assign a mandatory course",
  description:
    "Assigns a course as the bulk wizard does: to up to 10,000 people by id, a department, or a learning group (with " +
    "`keepApplying`, people who join the group later are assigned too). Each person assigned is notified and emailed; " +
    "people who already have the course, deactivated people and ids that are no person of the company are counted, not assigned.",
  tag: "Assignments",
  scope: "write",
  body: createAssignmentsBody,
  response: { status: 201, description: "What the request did.", schema: assignmentsCreated },
  operation: assignCourse,
  handle: async ({ body }, { db, caller, operationId }) => {
    const { result, ...delivery } = await assignCourse(db, caller.ctx, { ...body, operationId });
    return { status: 201, body: result, ...delivery };
  },
});
