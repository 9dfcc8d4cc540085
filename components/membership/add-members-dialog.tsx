"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { GroupSelect } from "@/components/groups/group-select";
import { Tabs } from "@/components/ui/tabs";
import { useAction } from "@/components/ui/use-action";
import type { GroupOption } from "@/lib/groups/queries";
import type { DepartmentOption } from "@/lib/departments/queries";
import { addMembersAction } from "@/lib/membership/actions";
import type { Selection } from "@/lib/membership/schemas";
import type { PersonMatch } from "@/lib/people/queries/search";
import { AddPreview } from "./add-preview";
import { DepartmentPicker } from "./department-picker";
import { PeoplePicker } from "./people-picker";
import { useAddResultMessage } from "./use-add-result-message";
import { fitsInGroup, useAddPreview } from "./use-add-preview";

type Mode = Selection["mode"];

/**
 * "Add members", three ways (spec: individually, an entire department, copy from a group). Each
 * tab keeps its own choice; Confirm adds the current tab's, and a toast says what it did. One
 * operation id per opening.
 */
export function AddMembersDialog({ groupId, groupName, onClose }: { groupId: string; groupName: string; onClose: () => void }) {
  const t = useTranslations("members.add");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [mode, setMode] = useState<Mode>("people");
  const [people, setPeople] = useState<PersonMatch[]>([]);
  const [departments, setDepartments] = useState<DepartmentOption[]>([]);
  const [sourceGroup, setSourceGroup] = useState<GroupOption | null>(null);
  const add = useAction(addMembersAction, { success: useAddResultMessage() });

  const selection = useMemo((): Selection | null => {
    if (mode === "people") return people.length > 0 ? { mode, userIds: people.map((person) => person.id) } : null;
    if (mode === "departments")
      return departments.length > 0 ? { mode, departmentIds: departments.map((department) => department.id) } : null;
    return sourceGroup ? { mode, sourceGroupId: sourceGroup.id } : null;
  }, [mode, people, departments, sourceGroup]);
  const preview = useAddPreview(groupId, mode === "people" ? null : selection);

  const count =
    mode === "people"
      ? people.length
      : preview.status === "done" && preview.result.ok && fitsInGroup(preview.result.data)
        ? preview.result.data.toAdd
        : 0;

  const confirm = () => {
    if (!selection) return;
    add.run({ groupId, selection, operationId }, () => {
      router.refresh();
      onClose();
    });
  };

  const tabs = [
    { id: "people", label: t("tabs.people") },
    { id: "departments", label: t("tabs.departments") },
    { id: "group", label: t("tabs.group") },
  ] as const;

  return (
    <Dialog title={t("title", { name: groupName })} description={t("intro")} onClose={onClose} busy={add.pending} wide>
      <Tabs label={t("tabs.label")} tabs={tabs} selected={mode} onSelect={setMode}>
        <div className="min-h-40 space-y-4">
          {mode === "people" && <PeoplePicker groupId={groupId} picked={people} onChange={setPeople} />}
          {mode === "departments" && <DepartmentPicker selected={departments} onChange={setDepartments} />}
          {mode === "group" && (
            // "Copy from group": another group of the company, archived ones too, whose current members are added.
            <GroupSelect
              label={t("copy.label")}
              hint={t("copy.hint")}
              none={t("copy.none")}
              includeArchived
              exceptGroupId={groupId}
              value={sourceGroup}
              onChange={setSourceGroup}
            />
          )}
          <AddPreview state={preview} />
        </div>
      </Tabs>
      <div className="mt-4">
        <ActionAlert error={add.error} />
      </div>
      <DialogFooter>
        <Button onClick={onClose} disabled={add.pending}>
          {tc("cancel")}
        </Button>
        <Button variant="primary" pending={add.pending} disabled={count === 0} onClick={confirm}>
          {add.pending ? t("adding") : count > 0 ? t("confirmCount", { count }) : t("confirm")}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
