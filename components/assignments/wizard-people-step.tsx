"use client";

import { useTranslations } from "next-intl";
import type { Dispatch } from "react";
import { PeoplePicker } from "@/components/membership/people-picker";
import { DepartmentSelect } from "@/components/departments/department-select";
import { Tabs } from "@/components/ui/tabs";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import { GroupRuleFields } from "./wizard-group-rule-fields";
import type { WizardAction, WizardState } from "./wizard-state";

/** Step 2: the people, individually, by department or by learning group (one tab each). */
export function PeopleStep({ state, dispatch }: { state: WizardState; dispatch: Dispatch<WizardAction> }) {
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
        {mode === "individuals" && <PeoplePicker picked={state.people} onChange={(people) => dispatch({ type: "people", people })} />}
        {mode === "department" && (
          <div className="max-w-xl">
            <DepartmentSelect
              label={t("people.departmentLabel")}
              choose={t("people.chooseDepartment")}
              counted
              value={state.department}
              onChange={(department) => dispatch({ type: "department", department })}
              error={localError}
            />
          </div>
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
