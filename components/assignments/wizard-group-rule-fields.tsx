"use client";

import { useTranslations } from "next-intl";
import { GroupSelect } from "@/components/groups/group-select";
import type { GroupOption } from "@/lib/groups/queries";
import type { RemovalChoice } from "./wizard-state";

/** "By learning group": the group, whether the assignment keeps applying to people who join, and what happens when they leave. */
export function GroupRuleFields(props: {
  group: GroupOption | null;
  onGroup: (group: GroupOption | null) => void;
  keepApplying: boolean;
  onKeepApplying: (value: boolean) => void;
  removal: RemovalChoice;
  onRemovalChange: (value: RemovalChoice) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.people");
  return (
    <div className="max-w-xl space-y-4">
      <GroupSelect
        label={t("groupLabel")}
        none={t("noGroups")}
        includeArchived={false}
        value={props.group}
        onChange={props.onGroup}
        error={props.error}
      />
      <label className="flex cursor-pointer items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={props.keepApplying}
          onChange={(event) => props.onKeepApplying(event.target.checked)}
          className="mt-1 accent-brand-600"
        />
        <span>
          <span className="font-medium text-slate-900">{t("keepApplying")}</span>
          <span className="block text-xs text-slate-600">{t("keepApplyingHint")}</span>
        </span>
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t("onRemoval")}</legend>
        <div className="mt-2 grid gap-2">
          {(["keep", "waive"] as const).map((value) => (
            <label key={value} className="flex cursor-pointer items-center gap-2 text-sm">
              <input
                type="radio"
                name="wizard-on-removal"
                checked={props.removal === value}
                onChange={() => props.onRemovalChange(value)}
                className="accent-brand-600"
              />
              {t(value)}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
