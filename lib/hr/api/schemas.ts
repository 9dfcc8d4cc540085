import { z } from "zod";
import { invitePersonSchema } from "@/lib/accounts/schemas";
import { assignCourseSchema } from "@/lib/assignments/schemas";
import { MAX_BATCH_PEOPLE, uniqueIds } from "@/lib/membership/schemas";
import { PERSON_STATUSES, updatePersonSchema } from "@/lib/people/schemas";
import { BUCKETS } from "@/lib/statistics/buckets";
import { HISTOGRAM_BANDS } from "@/lib/statistics/group";
import { storableString } from "@/lib/text";
import { pageQuerySchema } from "./cursor";
import { GROUP_STATUSES } from "./queries";

/**
 * The API's request and response shapes. Requests are the admin forms' own schemas (their fields,
 * rules and messages), minus what the API supplies itself: the operation id comes from the
 * Idempotency-Key and ids from the path.
 */

export const idParams = z.object({ id: z.uuid() });

const timestamp = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 date and time (UTC)." });

export const createPersonBody = invitePersonSchema
  .pick({ name: true, email: true, departmentId: true })
  .extend({ managerId: z.uuid().nullable().default(null).meta({ description: "Their line manager, a person of the company." }) })
  .meta({ id: "CreatePerson" });

export const updatePersonBody = updatePersonSchema
  .pick({ departmentId: true, managerId: true })
  .meta({ id: "UpdatePerson", description: "Only the fields present change; null clears one." });

export const membersBody = z.object({ userIds: uniqueIds(MAX_BATCH_PEOPLE) }).meta({ id: "MemberIds" });

export const peopleQuery = pageQuerySchema.extend({
  email: storableString().trim().toLowerCase().max(320).optional().meta({ description: "Only the person with this email." }),
});

export const groupsQuery = pageQuerySchema.extend({ status: z.enum(GROUP_STATUSES).default("active") });

export const person = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    status: z.enum(PERSON_STATUSES),
    departmentId: z.uuid().nullable(),
    managerId: z.uuid().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "Person" });

export const group = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    courseId: z.uuid().nullable(),
    visibility: z.enum(["private", "public"]),
    maxMembers: z.int().nullable(),
    memberCount: z.int(),
    archived: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: "Group" });

const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });

export const personPage = pageOf(person, "PersonPage");
export const groupPage = pageOf(group, "GroupPage");

export const deactivation = z.object({ person, groupsLeft: z.int() }).meta({ id: "Deactivation" });

export const membersAdded = z
  .object({
    added: z.int(),
    alreadyMembers: z.int(),
    deactivated: z.int().meta({ description: "Deactivated people named, never added." }),
    unknown: z.int().meta({ description: "Ids that are no person of the company, ignored." }),
  })
  .meta({ id: "MembersAdded" });

export const membersRemoved = z.object({ removed: z.int() }).meta({ id: "MembersRemoved" });

const share = z.object({ count: z.int(), percent: z.int() });

export const statistics = z
  .object({
    groupId: z.uuid(),
    groupName: z.string(),
    courseId: z.uuid(),
    courseTitle: z.string(),
    members: z.int(),
    averagePercent: z.number(),
    buckets: z.object(Object.fromEntries(BUCKETS.map((bucket) => [bucket, share])) as Record<(typeof BUCKETS)[number], typeof share>),
    histogram: z.array(z.int()).length(HISTOGRAM_BANDS).meta({ description: "Members per 10 % band; the last is 100 %." }),
  })
  .meta({ id: "GroupStatistics" });

export const createAssignmentsBody = assignCourseSchema.omit({ operationId: true }).meta({
  id: "CreateAssignments",
  description:
    "A course, its deadline (a date, or N days after the assignment) and reminder days, for up to 10,000 people by id, a department, or a learning group (optionally as a rule for people who join it later).",
});

export const assignmentsCreated = z
  .object({
    assigned: z.int(),
    alreadyAssigned: z.int().meta({ description: "People who already have the course assigned, left as they are." }),
    alreadyCompleted: z.int().meta({ description: "People who finished the course before: recorded as done, not notified." }),
    deactivated: z.int().meta({ description: "Deactivated people named, never assigned." }),
    ruleId: z.uuid().nullable().meta({ description: "The group's rule, when it keeps applying to people who join later." }),
  })
  .meta({ id: "AssignmentsCreated" });
