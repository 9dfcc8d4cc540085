import { getTranslations } from "next-intl/server";
import { GroupSelect } from "@/components/groups/group-select";
import { CourseSelect } from "@/components/learning/course-select";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { OVERVIEW_STATUSES, type OverviewQuery } from "@/lib/assignments/overview";
import type { GroupOption } from "@/lib/groups/queries";
import type { CourseOption } from "@/lib/learning/queries";

/** Search and filters of the overview; the tab and sort travel along, a new filter starts at page 1. */
export async function OverviewFiltersForm({
  query,
  course,
  group,
  filtered,
}: {
  query: OverviewQuery;
  /** The course and group filtered by, as their pickers show them. */
  course: CourseOption | null;
  group: GroupOption | null;
  filtered: boolean;
}) {
  const t = await getTranslations("assignmentAdmin.filters");
  return (
    <FilterForm
      label={t("label")}
      columns="lg:grid-cols-[2fr_1.5fr_1.5fr_1fr_auto]"
      filtered={filtered}
      clearHref={query.view === "course" ? "/admin/assignments" : `/admin/assignments?tab=${query.view}`}
      applyLabel={t("apply")}
      clearLabel={t("clear")}
    >
      {query.view !== "course" && <input type="hidden" name="tab" value={query.view} />}
      {query.sort !== "name" && <input type="hidden" name="sort" value={query.sort} />}
      {query.direction === "desc" && <input type="hidden" name="dir" value="desc" />}
      <SearchFilter id="assignments-q" label={t(query.view === "course" ? "searchCourse" : "searchGroup")} defaultValue={query.search} />
      <CourseSelect name="course" label={t("course")} choose={t("allCourses")} defaultValue={course} />
      <GroupSelect name="group" label={t("group")} choose={t("allGroups")} none={t("noGroups")} includeArchived defaultValue={group} />
      <SelectFilter
        id="assignments-status"
        name="status"
        label={t("status")}
        defaultValue={query.status}
        options={OVERVIEW_STATUSES.map((status) => ({ value: status, label: t(status) }))}
      />
    </FilterForm>
  );
}
