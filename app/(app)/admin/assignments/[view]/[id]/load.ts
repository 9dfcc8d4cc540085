import { cache } from "react";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { listAssignmentPeople, OVERVIEW_VIEWS, type OverviewStatus, type OverviewView } from "@/lib/assignments/overview";
import { requireViewer } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";

/** The people of one course or group, or null when that does not exist for this viewer. */
export const load = cache(async (view: string, id: string, status: OverviewStatus, page: number) => {
  const viewer = await requireViewer();
  const known = OVERVIEW_VIEWS.find((candidate) => candidate === view);
  if (!can(viewer, "assignment.overview") || !known || !z.uuid().safeParse(id).success) return null;
  try {
    return {
      view: known as OverviewView,
      ...(await listAssignmentPeople(companyDb(viewer), viewer, { view: known, id }, { status, page })),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
});
