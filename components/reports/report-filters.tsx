import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { groupVisibilityEnum } from "@/db/schema";
import type { CourseOption } from "@/lib/learning/queries";
import { REPORT_STATUSES, type ReportFilters } from "@/lib/statistics/reports";

const label = "mb-1 block text-sm font-medium text-slate-900";

/**
 * Search and filters of "Reports": a GET form, so a filtered report is a link to share and Back
 * works. The sort order travels along; a new filter starts again at page 1.
 */
export async function ReportFiltersForm({ values, courses }: { values: ReportFilters; courses: readonly CourseOption[] }) {
  const t = await getTranslations("reports");
  const filtered = values.search || values.courseId || values.status !== "all" || values.visibility;
  return (
    <form role="search" method="get" aria-label={t("filters.label")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1.5fr_1fr_1fr_auto] lg:items-end">
      {values.sort !== "name" && <input type="hidden" name="sort" value={values.sort} />}
      {values.direction === "desc" && <input type="hidden" name="dir" value="desc" />}
      <div>
        <label htmlFor="reports-q" className={label}>
          {t("filters.search")}
        </label>
        <input id="reports-q" name="q" type="search" defaultValue={values.search} className={inputClass} />
      </div>
      <div>
        <label htmlFor="reports-course" className={label}>
          {t("filters.course")}
        </label>
        <select id="reports-course" name="course" defaultValue={values.courseId ?? ""} className={inputClass}>
          <option value="">{t("filters.allCourses")}</option>
          {courses.map((course) => (
            <option key={course.id} value={course.id}>
              {course.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="reports-status" className={label}>
          {t("filters.status")}
        </label>
        <select id="reports-status" name="status" defaultValue={values.status} className={inputClass}>
          {REPORT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="reports-visibility" className={label}>
          {t("filters.visibility")}
        </label>
        <select id="reports-visibility" name="visibility" defaultValue={values.visibility ?? ""} className={inputClass}>
          <option value="">{t("filters.allVisibilities")}</option>
          {groupVisibilityEnum.enumValues.map((visibility) => (
            <option key={visibility} value={visibility}>
              {t(`visibility.${visibility}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          {t("filters.apply")}
        </button>
        {filtered && (
          <Link href="/admin/reports" className={buttonClass("ghost")}>
            {t("filters.clear")}
          </Link>
        )}
      </div>
    </form>
  );
}
