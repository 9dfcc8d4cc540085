"use client";

import { useTranslations } from "next-intl";
import type { Dispatch } from "react";
import { PersonPicker } from "@/components/membership/person-picker";
import { FormField, inputClass } from "@/components/ui/form-field";
import { Tabs } from "@/components/ui/tabs";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import type { DepartmentOption } from "@/lib/departments/queries";
import { GroupRuleFields } from "./wizard-group-rule-fields";
import type { WizardAction, WizardState } from "./wizard-state";

/** Step 2: the people, individually, by department or by learning group (one tab each). */
export function PeopleStep({
  state,
  dispatch,
  departments,
}: {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  departments: readonly DepartmentOption[];
}) {
  const t = useTranslations("assignmentWizard");
  const { mode, localError } = state;
  return (
    <Tabs
      label={t("people.tabsLabel")}
      tabs={[
        { id: "individuals", label: t("people.individuals") },
        { id: "department", label: t("people.department") },
        { id: "group", label: t("people.group") },
      ]}
      selected={mode}
      onSelect={(id) => dispatch({ type: "mode", mode: id })}
    >
      <div className="min-h-40 space-y-4">
        {mode === "individuals" && <PersonPicker picked={state.people} onChange={(people) => dispatch({ type: "people", people })} />}
        {mode === "department" && (
          <DepartmentSelect
            departments={departments}
            selected={state.departmentId}
            onChange={(departmentId) => dispatch({ type: "department", departmentId })}
            error={localError}
          />
        )}
        {mode === "group" && (
          <GroupRuleFields
            group={state.group}
            onGroup={(group) => dispatch({ type: "group", group })}
            keepApplying={state.keepApplying}
            onKeepApplying={(keepApplying) => dispatch({ type: "keepApplying", keepApplying })}
            removal={state.onRemoval}
            onRemovalChange={(onRemoval) => dispatch({ type: "onRemoval", onRemoval })}
            error={localError}
          />
        )}
        {mode === "individuals" && localError && <InlineError keyName={localError} />}
      </div>
    </Tabs>
  );
}

function InlineError({ keyName }: { keyName: string }) {
  const fieldMessage = useFieldErrorMessage();
  return (
    <p role="alert" className="text-sm text-red-700">
      {fieldMessage(keyName)}
    </p>
  );
}

function DepartmentSelect({
  departments,
  selected,
  onChange,
  error,
}: {
  departments: readonly DepartmentOption[];
  selected: string;
  onChange: (id: string) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.people");
  if (departments.length === 0) return <p className="text-sm text-slate-700">{t("noDepartments")}</p>;
  return (
    <div className="max-w-xl">
      <FormField label={t("departmentLabel")} errors={error ? [error] : undefined}>
        {(control) => (
          <select {...control} value={selected} onChange={(event) => onChange(event.target.value)} className={inputClass}>
            <option value="">{t("chooseDepartment")}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {t("departmentOption", { name: department.name, count: department.activePeople })}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </div>
  );
}
