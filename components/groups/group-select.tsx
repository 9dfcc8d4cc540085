"use client";

import { useTranslations } from "next-intl";
import { type PickerProps, SearchSelect, usePickerTexts } from "@/components/ui/search-select";
import { searchGroupOptionsAction } from "@/lib/groups/actions";
import type { GroupOption } from "@/lib/groups/queries";

/**
 * A group of the company, searched on the server (`searchGroupOptions`): Copy from group, Move to
 * group, the assignment wizard and the assignment overview's filter. Archived groups, where offered,
 * come after the active ones under their own heading. `none` says why there is nothing to choose
 * ("No other group to copy from").
 */
export function GroupSelect({
  none,
  choose,
  includeArchived,
  exceptGroupId,
  ...picker
}: PickerProps<GroupOption> & {
  none: string;
  /** The empty choice, when not "Choose a group" (a filter's "All groups"). */
  choose?: string;
  includeArchived: boolean;
  exceptGroupId?: string;
}) {
  const t = useTranslations("groupSelect");
  const asOptions = (groups: readonly GroupOption[]) =>
    groups.map((group) => (
      <option key={group.id} value={group.id}>
        {t(group.archived ? "optionArchived" : "option", { name: group.name, count: group.memberCount })}
      </option>
    ));
  return (
    <SearchSelect
      {...picker}
      texts={usePickerTexts("groupSelect", { choose, none })}
      search={(term) => searchGroupOptionsAction({ term, includeArchived, exceptGroupId })}
      searchKey={`${includeArchived}:${exceptGroupId ?? ""}`}
      render={(options) => {
        if (!includeArchived) return asOptions(options);
        const active = options.filter((group) => !group.archived);
        const archived = options.filter((group) => group.archived);
        return (
          <>
            {active.length > 0 && <optgroup label={t("active")}>{asOptions(active)}</optgroup>}
            {archived.length > 0 && <optgroup label={t("archived")}>{asOptions(archived)}</optgroup>}
          </>
        );
      }}
    />
  );
}
