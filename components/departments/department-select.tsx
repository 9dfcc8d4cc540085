"use client";

import { useTranslations } from "next-intl";
import { type PickerProps, SearchSelect, usePickerTexts } from "@/components/ui/search-select";
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
  choose,
  none,
  counted = false,
  mergingFrom,
  ...picker
}: PickerProps<DepartmentOption> & { choose?: string; none?: string; counted?: boolean; mergingFrom?: string }) {
  const t = useTranslations("departmentSelect");
  return (
    <SearchSelect
      {...picker}
      texts={usePickerTexts("departmentSelect", { choose, none })}
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
