"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { searchTermField } from "@/lib/text";
import { listHeadCandidates, searchDepartmentOptions, searchMergeTargets } from "./queries";
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

/** A page of the company's departments matching what was typed, with their active people: every department picker. */
export const searchDepartmentOptionsAction = authorizedAction(z.object({ term: searchTermField(100) }), async ({ term }, viewer) => ({
  data: await searchDepartmentOptions(companyDb(viewer), viewer, term),
}));

export const setDepartmentHeadAction = operationAction(setDepartmentHead, { refresh });

export const searchMergeTargetsAction = authorizedAction(
  z.object({ departmentId: z.uuid(), term: searchTermField(100) }),
  async ({ departmentId, term }, viewer) => ({
    data: await searchMergeTargets(companyDb(viewer), viewer, { exceptId: departmentId, term }),
  }),
);

export const mergeDepartmentsAction = operationAction(mergeDepartments, { refresh });

export const deleteDepartmentAction = operationAction(deleteDepartment, { refresh });
