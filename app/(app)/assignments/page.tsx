import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AssignmentsLiveRefresh } from "@/components/assignments/assignments-live-refresh";
import { MyAssignmentList } from "@/components/assignments/my-assignment-list";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { companyDb } from "@/db/client";
import { listMyAssignments, MY_ASSIGNMENT_FILTERS, type MyAssignmentFilter } from "@/lib/assignments/queries";
import { requireViewer } from "@/lib/auth/current-user";
import { pageParam, type SearchParams, textParam, uuidParam, withParams } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignments"))("title") };
}

/** "My assignments": the learner's mandatory courses, overdue first, kept current by their own channel. */
export default async function MyAssignmentsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const filter: MyAssignmentFilter = MY_ASSIGNMENT_FILTERS.find((value) => value === textParam(params.status)) ?? "current";
  // One course's assignment, as a notification about it links here.
  const courseId = uuidParam(params.course);
  const [assignments, t] = await Promise.all([
    listMyAssignments(companyDb(viewer), viewer, { filter, courseId, page: pageParam(params.page) }),
    getTranslations("assignments"),
  ]);
  const filtered = filter !== "current" || courseId !== null;
  return (
    <div className="space-y-6">
      <AssignmentsLiveRefresh userId={viewer.userId} />
      <PageHeader title={t("title")} intro={t("intro")} />
      <FilterForm
        label={t("filters.label")}
        columns="lg:grid-cols-[16rem_auto]"
        filtered={filtered}
        clearHref="/assignments"
        applyLabel={t("filters.apply")}
        clearLabel={t("filters.clear")}
      >
        <SelectFilter
          id="assignments-status"
          name="status"
          label={t("filters.status")}
          defaultValue={filter}
          options={MY_ASSIGNMENT_FILTERS.map((value) => ({ value, label: t(`filters.${value}`) }))}
        />
      </FilterForm>
      {assignments.rows.length > 0 ? (
        <MyAssignmentList rows={assignments.rows} highlighted={courseId} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {assignments.total > 0 ? t("empty.page") : filtered ? t("empty.filtered") : t("empty.none")}
        </p>
      )}
      <Pagination
        page={assignments.page}
        pageSize={assignments.pageSize}
        total={assignments.total}
        href={(page) => withParams("/assignments", { status: filtered ? filter : undefined, page })}
      />
    </div>
  );
}
