import { getTranslations } from "next-intl/server";
import { DepartmentSelect } from "@/components/departments/department-select";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { PERSON_STATUSES, type PersonStatus, ROLE_FILTERS, type RoleFilter } from "@/lib/people/schemas";
import type { DepartmentOption } from "@/lib/departments/queries";

export type PeopleFilterValues = {
  q: string;
  /** The department filtered by, as its picker shows it (read by the page from the id in the address). */
  department: DepartmentOption | null;
  role: RoleFilter | null;
  status: PersonStatus | null;
};

/** Search and filters of "People". */
export async function PeopleFilters({ values }: { values: PeopleFilterValues }) {
  const t = await getTranslations("people");
  return (
    <FilterForm
      label={t("filters.label")}
      columns="lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
      filtered={Boolean(values.q || values.department || values.role || values.status)}
      clearHref="/admin/people"
      applyLabel={t("filters.apply")}
      clearLabel={t("filters.clear")}
    >
      <SearchFilter id="people-q" label={t("searchLabel")} defaultValue={values.q} />
      <DepartmentSelect
        name="department"
        label={t("filters.department")}
        choose={t("filters.allDepartments")}
        defaultValue={values.department}
      />
      <SelectFilter
        id="people-role"
        name="role"
        label={t("filters.role")}
        defaultValue={values.role ?? ""}
        allLabel={t("filters.allRoles")}
        options={ROLE_FILTERS.map((role) => ({ value: role, label: t(`roleFilter.${role}`) }))}
      />
      <SelectFilter
        id="people-status"
        name="status"
        label={t("filters.status")}
        defaultValue={values.status ?? ""}
        allLabel={t("filters.allStatuses")}
        options={PERSON_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
      />
    </FilterForm>
  );
}
