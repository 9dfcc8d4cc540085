"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SearchSelect } from "@/components/ui/search-select";
import { searchGroupOptionsAction } from "@/lib/groups/actions";
import type { GroupOption } from "@/lib/groups/queries";

/**
 * A group of the company, searched on the server (`searchGroupOptions`): Copy from group, Move to
 * group, the assignment wizard and the assignment overview's filter. Archived groups, where offered,
 * come after the active ones under their own heading.
 */
export function GroupSelect({
  label,
  hint,
  none,
  choose,
  includeArchived,
  exceptGroupId,
  value,
  onChange,
  name,
  error,
}: {
  label: string;
  hint?: string;
  none: string;
  /** The empty choice, when not "Choose a group" (a filter's "All groups"). */
  choose?: string;
  includeArchived: boolean;
  exceptGroupId?: string;
  value: GroupOption | null;
  onChange: (group: GroupOption | null) => void;
  name?: string;
  error?: string | null;
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
      label={label}
      hint={hint}
      name={name}
      error={error}
      value={value}
      onChange={onChange}
      texts={{
        search: t("search"),
        placeholder: t("placeholder"),
        choose: choose ?? t("choose"),
        none,
        more: (count) => t("more", { count }),
        noMatch: (term) => t("noMatch", { term }),
      }}
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

/** A filter's group in a GET form (`name`), archived ones too: "All groups" or one, the current one given by the page. */
export function GroupFilter({
  name,
  label,
  allLabel,
  none,
  initial,
}: {
  name: string;
  label: string;
  allLabel: string;
  none: string;
  initial: GroupOption | null;
}) {
  const [group, setGroup] = useState(initial);
  return <GroupSelect name={name} label={label} choose={allLabel} none={none} includeArchived value={group} onChange={setGroup} />;
}
