"use client";

import { useTranslations } from "next-intl";
import type { ReactNode, SetStateAction } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { OptionSearchBox, useOptionSearch } from "@/components/ui/search-select";
import { searchFormGroupsAction } from "@/lib/hr/forms/actions";
import type { FormGroupOption } from "@/lib/hr/forms/queries";
import { GroupChecklist } from "./group-checklist";

/**
 * The groups a form's person joins: the company's active groups searched on the server by name,
 * suggestions first (`searchFormGroups`, a page at a time), the ticked ones kept at the top whatever
 * the search shows. `except` leaves out groups the person is in already.
 */
export function GroupsToJoin({
  legend,
  hint,
  empty,
  selected,
  onChange,
  except,
  detail,
}: {
  legend: string;
  hint?: string;
  empty: string;
  selected: readonly FormGroupOption[];
  onChange: (groups: FormGroupOption[]) => void;
  except?: ReadonlySet<string>;
  detail?: (group: FormGroupOption) => ReactNode;
}) {
  const t = useTranslations("groupSelect");
  const search = useOptionSearch((term) => searchFormGroupsAction({ term }));
  const chosen = new Set(selected.map((group) => group.id));
  const listed = [...selected, ...search.found.filter((group) => !chosen.has(group.id) && !except?.has(group.id))];
  const ids = [...chosen];
  const change = (update: SetStateAction<string[]>) => {
    const next = new Set(typeof update === "function" ? update(ids) : update);
    onChange(listed.filter((group) => next.has(group.id)));
  };
  if (search.page && !search.page.ok) return <ActionAlert error={search.page.error} />;
  return (
    <GroupChecklist
      legend={legend}
      hint={hint}
      empty={empty}
      groups={search.empty ? [] : listed}
      selected={ids}
      onChange={change}
      detail={detail}
      search={
        !search.empty && (
          <OptionSearchBox
            texts={{ search: t("search"), placeholder: t("placeholder") }}
            term={search.term}
            onTerm={search.setTerm}
            status={search.status({ more: (count) => t("more", { count }), noMatch: (term) => t("noMatch", { term }) })}
          />
        )
      }
    />
  );
}
