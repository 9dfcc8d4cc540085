"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { DepartmentSelect } from "@/components/departments/department-select";
import { ActionAlert } from "@/components/ui/action-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { usePickerTexts, useTickedOptions } from "@/components/ui/search-select";
import { useAction } from "@/components/ui/use-action";
import type { DepartmentOption } from "@/lib/departments/queries";
import { newHireAction } from "@/lib/hr/forms/actions";
import type { FormGroupOption } from "@/lib/hr/forms/queries";
import { searchCourseOptionsAction } from "@/lib/learning/actions";
import type { CourseOption } from "@/lib/learning/queries";
import { GroupsToJoin } from "./groups-to-join";
import { PersonField } from "@/components/ui/person-field";
import { findPeople } from "./find-people";
import type { PersonMatch } from "@/lib/people/queries/search";

/** A course's default deadline in the form: a month after the first day. */
const DEFAULT_DAYS = 30;

type ChosenCourse = CourseOption & { days: number };

/**
 * "New hire": the person, their department, line manager and first day, the groups to join
 * (onboarding groups suggested first) and the mandatory courses with their deadline in days after
 * the first day. One submit creates everything, or nothing.
 */
export function NewHireForm({ today }: { today: string }) {
  const t = useTranslations("hr.newHire");
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const [manager, setManager] = useState<PersonMatch | null>(null);
  const [department, setDepartment] = useState<DepartmentOption | null>(null);
  const [groups, setGroups] = useState<FormGroupOption[]>([]);
  // The chosen courses stay listed first, with their deadlines, whatever the course search shows.
  const [courses, setCourses] = useState<ChosenCourse[]>([]);
  const courseOptions = useTickedOptions({
    selected: courses,
    search: (term) => searchCourseOptionsAction({ term }),
    texts: usePickerTexts("courseSelect"),
  });
  const [done, setDone] = useState<{ name: string; groups: number; courses: number } | null>(null);
  const action = useAction(newHireAction);
  const errors = action.error?.fieldErrors ?? {};

  const toggleCourse = (course: CourseOption, on: boolean) =>
    setCourses((chosen) => (on ? [...chosen, { ...course, days: DEFAULT_DAYS }] : chosen.filter((other) => other.id !== course.id)));
  const setDays = (id: string, days: number) =>
    setCourses((chosen) => chosen.map((course) => (course.id === id ? { ...course, days } : course)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    action.run(
      {
        name,
        email: String(data.get("email") ?? ""),
        departmentId: department?.id ?? "",
        managerId: manager?.id ?? null,
        startDate: String(data.get("startDate") ?? ""),
        groupIds: groups.map((group) => group.id),
        courses: courses.map((course) => ({ courseId: course.id, daysAfterStart: course.days })),
        operationId,
      },
      (result) => {
        setDone({ name, groups: result.groups, courses: result.courses });
        form.reset();
        setManager(null);
        setDepartment(null);
        setGroups([]);
        setCourses([]);
        setOperationId(crypto.randomUUID());
      },
    );
  };

  if (done) {
    return (
      <div role="status" className="space-y-3 rounded-md border border-green-200 bg-green-50 p-4 text-sm">
        <p className="font-medium">{t("done", { name: done.name, groups: done.groups, courses: done.courses })}</p>
        <Button type="button" onClick={() => setDone(null)}>
          {t("another")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="max-w-3xl space-y-5" noValidate>
      <ActionAlert error={action.error} fields={["name", "email", "departmentId", "managerId", "startDate", "groupIds", "courses"]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("name")} errors={errors.name}>
          {(control) => <input {...control} name="name" autoComplete="off" className={inputClass} required />}
        </FormField>
        <FormField label={t("email")} hint={t("emailHint")} errors={errors.email}>
          {(control) => <input {...control} name="email" type="email" autoComplete="off" className={inputClass} required />}
        </FormField>
        <DepartmentSelect
          label={t("department")}
          choose={t("noDepartment")}
          optional
          value={department}
          onChange={setDepartment}
          error={errors.departmentId?.[0]}
        />
        <FormField label={t("startDate")} errors={errors.startDate}>
          {(control) => <input {...control} name="startDate" type="date" defaultValue={today} className={inputClass} required />}
        </FormField>
      </div>
      <div>
        <PersonField label={t("manager")} find={findPeople} selected={manager} onSelect={setManager} />
        {errors.managerId && <p className="mt-1 text-sm text-red-700">{t("managerInvalid")}</p>}
      </div>
      <GroupsToJoin
        legend={t("groups")}
        hint={t("groupsHint")}
        empty={t("noGroups")}
        selected={groups}
        onChange={setGroups}
        detail={(group) => (
          <>
            <span className="text-slate-600">
              {group.maxMembers === null
                ? t("members", { taken: group.taken })
                : t("membersOfMax", { taken: group.taken, max: group.maxMembers })}
            </span>
            {group.suggested && <Badge tone="brand">{t("suggested")}</Badge>}
          </>
        )}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">{t("courses")}</legend>
        <p className="text-xs text-slate-600">{t("coursesHint")}</p>
        {errors.courses && <p className="text-sm text-red-700">{t("coursesInvalid")}</p>}
        {courseOptions.failure ? (
          <ActionAlert error={courseOptions.failure} />
        ) : courseOptions.empty ? (
          <p className="text-sm text-slate-600">{t("noCourses")}</p>
        ) : (
          <>
            {courseOptions.searchBox}
            <ul className="max-h-72 space-y-2 overflow-y-auto rounded-md border border-slate-200 p-2">
              {courseOptions.listed.map((course) => {
                const chosen = courses.find((other) => other.id === course.id);
                return (
                  <li key={course.id} className="flex flex-wrap items-center gap-2 text-sm">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={chosen !== undefined}
                        onChange={(event) => toggleCourse(course, event.target.checked)}
                      />
                      <span>{course.title}</span>
                    </label>
                    {chosen && (
                      <label className="flex items-center gap-2 text-slate-700">
                        <span>{t("dueAfter")}</span>
                        <input
                          type="number"
                          min={1}
                          max={3650}
                          className={`${inputClass} w-24`}
                          aria-label={t("dueAfterLabel", { title: course.title })}
                          value={chosen.days}
                          onChange={(event) => setDays(course.id, Number(event.target.value))}
                        />
                        <span>{t("days")}</span>
                      </label>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </fieldset>
      <Button type="submit" variant="primary" pending={action.pending}>
        {action.pending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
