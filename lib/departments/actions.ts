"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import {
  createDepartmentSchema,
  deleteDepartmentSchema,
  mergeDepartmentsSchema,
  renameDepartmentSchema,
  setDepartmentHeadSchema,
} from "./schemas";
import { listHeadCandidates, listMergeTargets } from "./queries";
import { createDepartment, deleteDepartment, mergeDepartments, renameDepartment, setDepartmentHead } from "./service";

/** Department names and counts also show in the add-members dialog, which loads them fresh each time. */
const refresh = () => revalidatePath("/admin/departments");

export const createDepartmentAction = authorizedAction(createDepartmentSchema, async (input, viewer) => {
  const data = await createDepartment(getDb(), viewer, input);
  refresh();
  return { data };
});

export const renameDepartmentAction = authorizedAction(renameDepartmentSchema, async (input, viewer) => {
  await renameDepartment(getDb(), viewer, input);
  refresh();
  return { data: null };
});

export const headCandidatesAction = authorizedAction(z.object({ departmentId: z.uuid() }), async ({ departmentId }, viewer) => ({
  data: await listHeadCandidates(getDb(), viewer, departmentId),
}));

export const setDepartmentHeadAction = authorizedAction(setDepartmentHeadSchema, async (input, viewer) => {
  await setDepartmentHead(getDb(), viewer, input);
  refresh();
  return { data: null };
});

export const mergeTargetsAction = authorizedAction(z.object({ departmentId: z.uuid() }), async ({ departmentId }, viewer) => ({
  data: await listMergeTargets(getDb(), viewer, { exceptId: departmentId }),
}));

export const mergeDepartmentsAction = authorizedAction(mergeDepartmentsSchema, async (input, viewer) => {
  const data = await mergeDepartments(getDb(), viewer, input);
  refresh();
  return { data };
});

export const deleteDepartmentAction = authorizedAction(deleteDepartmentSchema, async (input, viewer) => {
  await deleteDepartment(getDb(), viewer, input);
  refresh();
  return { data: null };
});
