import { z } from "zod";
import { textField } from "@/lib/text";

/** Messages are catalogue keys under `validation.*`, rendered beside the field. */
export const DEPARTMENT_NAME_MAX = 120;
/** The "Head" dialog lists at most this many of the department's people. */
export const HEAD_CANDIDATES_LIMIT = 500;

const operationId = z.uuid();
const departmentId = z.uuid();

export const departmentNameSchema = textField({
  max: DEPARTMENT_NAME_MAX,
  tooLong: "validation.nameTooLong",
  required: "validation.departmentNameRequired",
});

export const createDepartmentSchema = z.object({ name: departmentNameSchema, operationId });
export const renameDepartmentSchema = z.object({ departmentId, name: departmentNameSchema, operationId });
/** `headId` null clears the head. */
export const setDepartmentHeadSchema = z.object({
  departmentId,
  headId: z.preprocess((value) => (value === "" || value === undefined ? null : value), z.uuid().nullable()),
  operationId,
});
export const mergeDepartmentsSchema = z.object({
  departmentId,
  targetId: z.uuid({ error: "validation.mergeTargetRequired" }),
  operationId,
});
export const deleteDepartmentSchema = z.object({ departmentId, operationId });

export type CreateDepartmentInput = z.output<typeof createDepartmentSchema>;
export type RenameDepartmentInput = z.output<typeof renameDepartmentSchema>;
export type SetDepartmentHeadInput = z.output<typeof setDepartmentHeadSchema>;
export type MergeDepartmentsInput = z.output<typeof mergeDepartmentsSchema>;
export type DeleteDepartmentInput = z.output<typeof deleteDepartmentSchema>;
