"use client";

import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { GroupOption } from "@/lib/groups/queries";

/** "Copy from group": another group of the company, archived ones marked, whose current members are added. */
export function GroupSourcePicker({
  groups,
  selected,
  onChange,
}: {
  groups: readonly GroupOption[];
  selected: string;
  onChange: (groupId: string) => void;
}) {
  const t = useTranslations("members.add.copy");
  const active = groups.filter((group) => !group.archived);
  const archived = groups.filter((group) => group.archived);
  if (groups.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <FormField label={t("label")} hint={t("hint")}>
      {(control) => (
        <select {...control} value={selected} onChange={(event) => onChange(event.target.value)} className={inputClass}>
          <option value="">{t("choose")}</option>
          {active.length > 0 && (
            <optgroup label={t("active")}>
              {active.map((group) => (
                <option key={group.id} value={group.id}>
                  {t("option", { name: group.name, count: group.memberCount })}
                </option>
              ))}
            </optgroup>
          )}
          {archived.length > 0 && (
            <optgroup label={t("archived")}>
              {archived.map((group) => (
                <option key={group.id} value={group.id}>
                  {t("optionArchived", { name: group.name, count: group.memberCount })}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      )}
    </FormField>
  );
}
