import { z } from "zod";
import { textField } from "@/lib/text";

/** Messages are catalogue keys under `validation.*`, rendered beside the field. */
export const GROUP_NAME_MAX = 120;
export const GROUP_DESCRIPTION_MAX = 2000;
export const GROUP_MAX_MEMBERS_LIMIT = 10_000;

const optionalUuid = z.preprocess((value) => (value === "" || value === undefined ? null : value), z.uuid().nullable());

export const groupFieldsSchema = z.object({
  name: textField({ max: GROUP_NAME_MAX, tooLong: "validation.nameTooLong", required: "validation.nameRequired" }),
  description: textField({ max: GROUP_DESCRIPTION_MAX, tooLong: "validation.descriptionTooLong", multiline: true }).default(""),
  courseId: optionalUuid,
  maxMembers: z.preprocess(
    // The form's field is text; anything else is checked as it came (Number() of an object can throw).
    (value) => (value === "" || value === undefined || value === null ? null : typeof value === "string" ? Number(value) : value),
    z
      .number({ error: "validation.maxMembersNumber" })
      .int({ error: "validation.maxMembersNumber" })
      .min(1, { error: "validation.maxMembersRange" })
      .max(GROUP_MAX_MEMBERS_LIMIT, { error: "validation.maxMembersRange" })
      .nullable(),
  ),
  visibility: z.enum(["private", "public"]).default("private"),
});
export type GroupFields = z.output<typeof groupFieldsSchema>;

const operationId = z.uuid();

export const createGroupSchema = groupFieldsSchema.extend({ operationId });
export const updateGroupSchema = groupFieldsSchema.extend({ groupId: z.uuid(), operationId });
export const groupOperationSchema = z.object({ groupId: z.uuid(), operationId });
export const deleteGroupSchema = groupOperationSchema.extend({ confirmName: z.string() });

export type CreateGroupInput = z.output<typeof createGroupSchema>;
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;
