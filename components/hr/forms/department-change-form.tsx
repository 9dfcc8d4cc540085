"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { DepartmentSelect } from "@/components/departments/department-select";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { DepartmentOption } from "@/lib/departments/queries";
import { departmentChangeAction, personGroupsAction } from "@/lib/hr/forms/actions";
import type { FormGroupOption, PersonGroup } from "@/lib/hr/forms/queries";
import { GroupChecklist } from "./group-checklist";
import { GroupsToJoin } from "./groups-to-join";
import { PersonField } from "@/components/ui/person-field";
import { findPeople } from "./find-people";
import type { PersonMatch } from "@/lib/people/queries/search";

type Current = { departmentName: string | null; groups: PersonGroup[] };

/**
 * "Department change": choose the person, their new department, the groups chosen for it, and which
 * of their current groups they leave (those they joined via their old department are ticked).
 */
export function DepartmentChangeForm() {
  const t = useTranslations("hr.departmentChange");
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const [person, setPerson] = useState<PersonMatch | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  const [department, setDepartment] = useState<DepartmentOption | null>(null);
  const [add, setAdd] = useState<FormGroupOption[]>([]);
  const [leave, setLeave] = useState<string[]>([]);
  const [done, setDone] = useState<{ name: string; joined: number; left: number; waived: number } | null>(null);
  const load = useAction(personGroupsAction);
  const action = useAction(departmentChangeAction);
  const errors = action.error?.fieldErrors ?? {};

  const choose = (found: PersonMatch | null) => {
    setPerson(found);
    setCurrent(null);
    setDepartment(null);
    setAdd([]);
    setLeave([]);
    if (found) {
      load.run({ personId: found.id }, (data) => {
        setCurrent({ departmentName: data.person.departmentName, groups: data.groups });
        setLeave(data.groups.filter((group) => group.viaDepartment).map((group) => group.id));
      });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!person) return;
    action.run(
      {
        personId: person.id,
        departmentId: department?.id ?? "",
        addGroupIds: add.map((group) => group.id),
        removeGroupIds: leave,
        operationId,
      },
      (result) => {
        setDone({ name: person.name, joined: result.joined, left: result.left, waived: result.assignmentsWaived });
        choose(null);
        setOperationId(crypto.randomUUID());
      },
    );
  };

  if (done) {
    return (
      <div role="status" className="space-y-3 rounded-md border border-green-200 bg-green-50 p-4 text-sm">
        <p className="font-medium">{t("done", done)}</p>
        <Button type="button" onClick={() => setDone(null)}>
          {t("another")}
        </Button>
      </div>
    );
  }

  const memberOf = new Set(current?.groups.map((group) => group.id));
  return (
    <form onSubmit={submit} className="max-w-3xl space-y-5" noValidate>
      <ActionAlert error={action.error ?? load.error} fields={["departmentId"]} />
      <PersonField label={t("person")} find={findPeople} selected={person} onSelect={choose} />
      {person && !current && load.pending && <p className="text-sm text-slate-600">{t("loading")}</p>}
      {person && current && (
        <>
          <p className="text-sm text-slate-700">
            {current.departmentName ? t("currentDepartment", { name: current.departmentName }) : t("noDepartment")}
          </p>
          <DepartmentSelect
            label={t("department")}
            choose={t("chooseDepartment")}
            value={department}
            onChange={setDepartment}
            error={errors.departmentId?.[0]}
          />
          <GroupsToJoin legend={t("join")} empty={t("noGroupsToJoin")} selected={add} onChange={setAdd} except={memberOf} />
          <GroupChecklist
            legend={t("leave")}
            hint={t("leaveHint")}
            empty={t("noGroups")}
            groups={current.groups}
            selected={leave}
            onChange={setLeave}
            detail={(group) =>
              group.viaDepartment && <span className="text-slate-600">{t("viaDepartment", { name: current.departmentName ?? "" })}</span>
            }
          />
          <Button type="submit" variant="primary" pending={action.pending}>
            {action.pending ? t("saving") : t("submit")}
          </Button>
        </>
      )}
    </form>
  );
}
