"use client";

import type { ReactNode, SetStateAction } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { usePickerTexts, useTickedOptions } from "@/components/ui/search-select";
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
  const options = useTickedOptions({
    selected,
    search: (term) => searchFormGroupsAction({ term }),
    texts: usePickerTexts("groupSelect"),
    except,
  });
  const ids = [...options.ticked];
  const change = (update: SetStateAction<string[]>) => {
    const next = new Set(typeof update === "function" ? update(ids) : update);
    onChange(options.listed.filter((group) => next.has(group.id)));
  };
  if (options.failure) return <ActionAlert error={options.failure} />;
  return (
    <GroupChecklist
      legend={legend}
      hint={hint}
      empty={empty}
      groups={options.empty ? [] : options.listed}
      selected={ids}
      onChange={change}
      detail={detail}
      search={!options.empty && options.searchBox}
    />
  );
}
