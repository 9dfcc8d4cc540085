import { z } from "zod";
import { roleEnum } from "@/db/schema";
import { searchTermField } from "@/lib/text";

export const PERSON_STATUSES = ["active", "invited", "deactivated"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** The role filter: a role, or "learner" for people with none. */
export const ROLE_FILTERS = ["admin", "hr", "learner"] as const;
export type RoleFilter = (typeof ROLE_FILTERS)[number];

const operationId = z.uuid();
const optionalUuid = z.preprocess((value) => (value === "" ? null : value), z.uuid().nullable());

/**
 * An edit of one person: only the fields present change. The department and the manager may be
 * cleared (null); roles are the complete new set.
 */
export const updatePersonSchema = z.object({
  personId: z.uuid(),
  operationId,
  departmentId: optionalUuid.optional(),
  managerId: optionalUuid.optional(),
  roles: z
    .array(z.enum(roleEnum.enumValues))
    .max(10)
    .transform((roles) => [...new Set(roles)].sort())
    .optional(),
});
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

export const personOperationSchema = z.object({ personId: z.uuid(), operationId });
export type PersonOperationInput = z.output<typeof personOperationSchema>;

export const managerSearchSchema = z.object({ personId: z.uuid(), term: searchTermField(100) });
