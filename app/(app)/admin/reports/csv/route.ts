import { getTranslations } from "next-intl/server";
import { companyDb } from "@/db/client";
import { getViewer } from "@/lib/auth/current-user";
import { can } from "@/lib/permissions";
import { reportCsv } from "@/lib/reports/queries";
import { reportFilters } from "../filters";

export const dynamic = "force-dynamic";

/**
 * The filtered report as CSV, all pages of it, for whoever may read the report (admins, HR staff);
 * anyone else gets the same 404 as for a page that does not exist.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  const t = await getTranslations();
  if (!viewer || !can(viewer, "reports.view")) {
    return new Response(t("errors.notFoundBody"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const filters = reportFilters(Object.fromEntries(new URL(request.url).searchParams));
  const columns = [
    "name",
    "course",
    "status",
    "visibility",
    "owner",
    "members",
    "average",
    "done",
    "halfway",
    "notStarted",
    "overdue",
  ] as const;
  const day = new Date().toISOString().slice(0, 10);
  return reportCsv(
    companyDb(viewer),
    viewer,
    filters,
    {
      header: columns.map((column) => t(`reports.csv.${column}`)),
      status: (archived) => t(archived ? "reports.status.archived" : "reports.status.active"),
      visibility: (visibility) => t(`reports.visibility.${visibility}`),
    },
    `${t("reports.csv.fileName")}-${day}.csv`,
  );
}
