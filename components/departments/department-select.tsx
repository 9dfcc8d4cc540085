"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SearchSelect } from "@/components/ui/search-select";
import { searchDepartmentOptionsAction, searchMergeTargetsAction } from "@/lib/departments/actions";
import type { DepartmentOption } from "@/lib/departments/queries";

/**
 * A department of the company, searched on the server by name (`searchDepartmentOptions`): a
 * person's department, an invitation's, HR's forms, the wizard and the people filter. `counted`
 * shows each department's active people; `choose` names the empty choice ("No department", "All").
 * `mergingFrom` offers the targets of that department's merge instead: every other department, for
 * those who may merge.
 */
export function DepartmentSelect({
  label,
  hint,
  choose,
  none,
  counted = false,
  mergingFrom,
  value,
  onChange,
  name,
  error,
  optional,
}: {
  label: string;
  hint?: string;
  choose?: string;
  none?: string;
  counted?: boolean;
  mergingFrom?: string;
  value: DepartmentOption | null;
  onChange: (department: DepartmentOption | null) => void;
  name?: string;
  error?: string | null;
  optional?: boolean;
}) {
  const t = useTranslations("departmentSelect");
  return (
    <SearchSelect
      label={label}
      hint={hint}
      name={name}
      error={error}
      optional={optional}
      value={value}
      onChange={onChange}
      texts={{
        search: t("search"),
        placeholder: t("placeholder"),
        choose: choose ?? t("choose"),
        none: none ?? t("none"),
        more: (count) => t("more", { count }),
        noMatch: (term) => t("noMatch", { term }),
      }}
      search={(term) =>
        mergingFrom ? searchMergeTargetsAction({ departmentId: mergingFrom, term }) : searchDepartmentOptionsAction({ term })
      }
      searchKey={mergingFrom}
      render={(departments) =>
        departments.map((department) => (
          <option key={department.id} value={department.id}>
            {counted ? t("option", { name: department.name, count: department.activePeople }) : department.name}
          </option>
        ))
      }
    />
  );
}

/** A filter's department in a GET form (`name`): "All departments" or one, the current one given by the page. */
export function DepartmentFilter({
  name,
  label,
  allLabel,
  initial,
}: {
  name: string;
  label: string;
  allLabel: string;
  initial: DepartmentOption | null;
}) {
  const [department, setDepartment] = useState(initial);
  return <DepartmentSelect name={name} label={label} choose={allLabel} value={department} onChange={setDepartment} />;
}
