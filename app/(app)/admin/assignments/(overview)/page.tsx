import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OverviewFiltersForm } from "@/components/assignments/overview-filters";
import { OverviewTable } from "@/components/assignments/overview-table";
import { buttonClass } from "@/components/ui/button";
import { LinkTabs } from "@/components/ui/link-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { companyDb } from "@/db/client";
import { listAssignmentOverview, OVERVIEW_VIEWS } from "@/lib/assignments/overview";
import { requireViewer } from "@/lib/auth/current-user";
import { findGroupOption } from "@/lib/groups/queries";
import { findCourseOption } from "@/lib/learning/queries";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams } from "../../../search-params";
import { isFiltered, overviewHref, overviewQuery } from "../filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignmentAdmin"))("title") };
}

/** "Mandatory assignments": assigned, done, open and overdue by course or by group, for admins. */
export default async function AssignmentOverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "assignment.overview")) notFound();
  const params = await searchParams;
  const query = overviewQuery(params);
  const db = companyDb(viewer);
  const [overview, course, group, t] = await Promise.all([
    listAssignmentOverview(db, viewer, query.view, { ...query, page: pageParam(params.page) }),
    query.courseId ? findCourseOption(db, viewer, query.courseId) : null,
    query.groupId ? findGroupOption(db, viewer, query.groupId, { includeArchived: true }) : null,
    getTranslations("assignmentAdmin"),
  ]);
  const filtered = isFiltered(query);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        action={
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/assignments/new" className={buttonClass("primary")}>
              {t("bulk")}
            </Link>
            {overview.total > 0 && (
              <a
                href={overviewHref("/admin/assignments/csv", query)}
                download
                className={buttonClass("secondary")}
                aria-describedby="assignments-download-hint"
              >
                {t("download")}
              </a>
            )}
          </div>
        }
      />
      <LinkTabs
        label={t("tabs.label")}
        tabs={OVERVIEW_VIEWS.map((view) => ({
          href: overviewHref("/admin/assignments", { ...query, view }),
          label: t(`tabs.${view}`),
          current: view === query.view,
        }))}
      />
      <OverviewFiltersForm query={query} course={course} group={group} filtered={filtered} />
      {overview.total > 0 && (
        <p id="assignments-download-hint" className="text-sm text-slate-600">
          {t("downloadHint")}
        </p>
      )}
      {overview.rows.length > 0 ? (
        <OverviewTable
          rows={overview.rows}
          query={query}
          sortHref={(sort, direction) => overviewHref("/admin/assignments", { ...query, sort, direction })}
        />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {overview.total > 0 ? t("empty.page") : filtered ? t("empty.noMatches") : t("empty.none")}
        </p>
      )}
      <Pagination
        page={overview.page}
        pageSize={overview.pageSize}
        total={overview.total}
        href={(page) => overviewHref("/admin/assignments", query, page)}
      />
    </div>
  );
}
