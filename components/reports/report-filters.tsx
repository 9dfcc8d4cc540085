import { getTranslations } from "next-intl/server";
import { CourseSelect } from "@/components/learning/course-select";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { groupVisibilityEnum } from "@/db/schema";
import type { CourseOption } from "@/lib/learning/queries";
import { REPORT_STATUSES, type ReportFilters } from "@/lib/reports/queries";

/** Search and filters of "Reports". The sort order travels along; a new filter starts again at page 1. */
export async function ReportFiltersForm({ values, course }: { values: ReportFilters; course: CourseOption | null }) {
  const t = await getTranslations("reports");
  return (
    <FilterForm
      label={t("filters.label")}
      columns="lg:grid-cols-[2fr_1.5fr_1fr_1fr_auto]"
      filtered={Boolean(values.search || values.courseId || values.status !== "all" || values.visibility)}
      clearHref="/admin/reports"
      applyLabel={t("filters.apply")}
      clearLabel={t("filters.clear")}
    >
      {values.sort !== "name" && <input type="hidden" name="sort" value={values.sort} />}
      {values.direction === "desc" && <input type="hidden" name="dir" value="desc" />}
      <SearchFilter id="reports-q" label={t("filters.search")} defaultValue={values.search ?? ""} />
      <CourseSelect name="course" label={t("filters.course")} choose={t("filters.allCourses")} defaultValue={course} />
      <SelectFilter
        id="reports-status"
        name="status"
        label={t("filters.status")}
        defaultValue={values.status}
        options={REPORT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
      />
      <SelectFilter
        id="reports-visibility"
        name="visibility"
        label={t("filters.visibility")}
        defaultValue={values.visibility ?? ""}
        allLabel={t("filters.allVisibilities")}
        options={groupVisibilityEnum.enumValues.map((visibility) => ({ value: visibility, label: t(`visibility.${visibility}`) }))}
      />
    </FilterForm>
  );
}
