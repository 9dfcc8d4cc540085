import { getTranslations } from "next-intl/server";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { OVERVIEW_STATUSES, type OverviewQuery } from "@/lib/assignments/overview";

type Option = { id: string; name: string };

/** Search and filters of the overview; the tab and sort travel along, a new filter starts at page 1. */
export async function OverviewFiltersForm({
  query,
  courses,
  groups,
  filtered,
}: {
  query: OverviewQuery;
  courses: readonly Option[];
  groups: readonly Option[];
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
      <SelectFilter
        id="assignments-course"
        name="course"
        label={t("course")}
        defaultValue={query.courseId ?? ""}
        allLabel={t("allCourses")}
        options={courses.map((course) => ({ value: course.id, label: course.name }))}
      />
      <SelectFilter
        id="assignments-group"
        name="group"
        label={t("group")}
        defaultValue={query.groupId ?? ""}
        allLabel={t("allGroups")}
        options={groups.map((group) => ({ value: group.id, label: group.name }))}
      />
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
