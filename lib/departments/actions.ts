"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { listDepartments, listHeadCandidates, listMergeTargets } from "./queries";
import { createDepartment } from "./operations/create-department";
import { deleteDepartment } from "./operations/delete-department";
import { mergeDepartments } from "./operations/merge-departments";
import { renameDepartment } from "./operations/rename-department";
import { setDepartmentHead } from "./operations/set-department-head";

/** Department names and counts also show in the add-members dialog, which loads them fresh each time. */
const refresh = () => revalidatePath("/admin/departments");

export const createDepartmentAction = operationAction(createDepartment, { refresh });

export const renameDepartmentAction = operationAction(renameDepartment, { refresh });

export const headCandidatesAction = authorizedAction(z.object({ departmentId: z.uuid() }), async ({ departmentId }, viewer) => ({
  data: await listHeadCandidates(companyDb(viewer), viewer, departmentId),
}));

/** The company's departments with their active people, for the add-members dialog. */
export const departmentOptionsAction = authorizedAction(z.object({}), async (_input, viewer) => ({
  data: await listDepartments(companyDb(viewer), viewer),
}));

export const setDepartmentHeadAction = operationAction(setDepartmentHead, { refresh });

export const mergeTargetsAction = authorizedAction(z.object({ departmentId: z.uuid() }), async ({ departmentId }, viewer) => ({
  data: await listMergeTargets(companyDb(viewer), viewer, { exceptId: departmentId }),
}));

export const mergeDepartmentsAction = operationAction(mergeDepartments, { refresh });

export const deleteDepartmentAction = operationAction(deleteDepartment, { refresh });
