import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { PERSON_STATUSES, type PersonStatus, ROLE_FILTERS, type RoleFilter } from "@/lib/people/schemas";
import type { DepartmentOption } from "@/lib/people/queries";

export type PeopleFilterValues = {
  q: string;
  departmentId: string | null;
  role: RoleFilter | null;
  status: PersonStatus | null;
};

const label = "mb-1 block text-sm font-medium text-slate-900";

/** Search and filters of "People": a GET form, so a filtered list is a link to share, and Back works. */
export async function PeopleFilters({ values, departments }: { values: PeopleFilterValues; departments: readonly DepartmentOption[] }) {
  const t = await getTranslations("people");
  const filtered = values.q || values.departmentId || values.role || values.status;
  return (
    <form role="search" method="get" aria-label={t("filters.label")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end">
      <div>
        <label htmlFor="people-q" className={label}>
          {t("searchLabel")}
        </label>
        <input id="people-q" name="q" type="search" defaultValue={values.q} className={inputClass} />
      </div>
      <div>
        <label htmlFor="people-department" className={label}>
          {t("filters.department")}
        </label>
        <select id="people-department" name="department" defaultValue={values.departmentId ?? ""} className={inputClass}>
          <option value="">{t("filters.allDepartments")}</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="people-role" className={label}>
          {t("filters.role")}
        </label>
        <select id="people-role" name="role" defaultValue={values.role ?? ""} className={inputClass}>
          <option value="">{t("filters.allRoles")}</option>
          {ROLE_FILTERS.map((role) => (
            <option key={role} value={role}>
              {t(`roleFilter.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="people-status" className={label}>
          {t("filters.status")}
        </label>
        <select id="people-status" name="status" defaultValue={values.status ?? ""} className={inputClass}>
          <option value="">{t("filters.allStatuses")}</option>
          {PERSON_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          {t("filters.apply")}
        </button>
        {filtered && (
          <Link href="/admin/people" className={buttonClass("ghost")}>
            {t("filters.clear")}
          </Link>
        )}
      </div>
    </form>
  );
}
