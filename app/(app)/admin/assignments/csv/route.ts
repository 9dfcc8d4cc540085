import { getTranslations } from "next-intl/server";
import { companyDb } from "@/db/client";
import { assignmentOverviewCsv } from "@/lib/assignments/overview";
import { getViewer } from "@/lib/auth/current-user";
import { can } from "@/lib/permissions";
import { overviewQuery } from "../filters";

export const dynamic = "force-dynamic";

/** The filtered overview as CSV, every page of it, for admins; anyone else gets the usual 404. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  const t = await getTranslations();
  if (!viewer || !can(viewer, "assignment.overview")) {
    return new Response(t("errors.notFoundBody"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const query = overviewQuery(Object.fromEntries(new URL(request.url).searchParams));
  const columns = [query.view, "assigned", "done", "open", "overdue"] as const;
  const day = new Date().toISOString().slice(0, 10);
  const fileName = t(query.view === "course" ? "assignmentAdmin.csv.fileNameCourse" : "assignmentAdmin.csv.fileNameGroup");
  return assignmentOverviewCsv(
    companyDb(viewer),
    viewer,
    query.view,
    query,
    { header: columns.map((column) => t(`assignmentAdmin.csv.${column}`)) },
    `${fileName}-${day}.csv`,
  );
}
