import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReportFiltersForm } from "@/components/reports/report-filters";
import { ReportsTable } from "@/components/reports/reports-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { findCourseOption } from "@/lib/learning/queries";
import { can } from "@/lib/permissions";
import { listReports } from "@/lib/reports/queries";
import { pageParam, type SearchParams } from "../../search-params";
import { reportFilters, reportHref } from "./filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

/** "Reports": every group of the company with its members' progress, for admins and (read-only) HR staff. */
export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "reports.view")) notFound();
  const params = await searchParams;
  const filters = reportFilters(params);
  const db = companyDb(viewer);
  const [report, course, t] = await Promise.all([
    listReports(db, viewer, { ...filters, page: pageParam(params.page) }),
    filters.courseId ? findCourseOption(db, viewer, filters.courseId) : null,
    getTranslations("reports"),
  ]);
  const filtered = Boolean(filters.search || filters.courseId || filters.status !== "all" || filters.visibility);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        intro={report.canOpenStatistics ? t("intro") : t("introReadOnly")}
        action={
          report.total > 0 && (
            <a
              href={reportHref("/admin/reports/csv", filters)}
              download
              className={buttonClass("secondary")}
              aria-describedby="reports-download-hint"
            >
              {t("download")}
            </a>
          )
        }
      />
      <ReportFiltersForm values={filters} course={course} />
      {report.total > 0 && (
        <p id="reports-download-hint" className="text-sm text-slate-600">
          {t("downloadHint")}
        </p>
      )}
      {report.rows.length > 0 ? (
        <ReportsTable
          rows={report.rows}
          filters={filters}
          canOpenStatistics={report.canOpenStatistics}
          sortHref={(sort, direction) => reportHref("/admin/reports", { ...filters, sort, direction })}
        />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {report.total > 0 ? t("empty.page") : filtered ? t("empty.noMatches") : t("empty.none")}
        </p>
      )}
      <Pagination
        page={report.page}
        pageSize={report.pageSize}
        total={report.total}
        href={(page) => reportHref("/admin/reports", filters, page)}
      />
    </div>
  );
}
