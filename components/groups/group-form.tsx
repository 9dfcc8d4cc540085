"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState } from "react";
import { CourseSelect } from "@/components/learning/course-select";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import type { ActionError } from "@/lib/actions/safe-action";
import { GROUP_DESCRIPTION_MAX, GROUP_MAX_MEMBERS_LIMIT, GROUP_NAME_MAX } from "@/lib/groups/schemas";
import type { CourseOption } from "@/lib/learning/queries";

/** What the form sends: raw text, parsed and checked by the action's schema. */
export type GroupFormValues = {
  name: string;
  description: string;
  courseId: string;
  maxMembers: string;
  visibility: "private" | "public";
};

/** What the form starts from: the course as the picker shows it. */
export type GroupFormDefaults = Omit<GroupFormValues, "courseId"> & { course: CourseOption | null };

const FIELDS = ["name", "description", "courseId", "maxMembers", "visibility"] as const;

/** The fields of a learning group, for "New learning group" and "Edit". */
export function GroupForm({
  defaults,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
  hidden = false,
}: {
  defaults?: GroupFormDefaults;
  error: ActionError | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** With the chosen course's title, for a confirmation to name it. */
  onSubmit: (values: GroupFormValues, courseTitle: string | null) => void;
  onCancel: () => void;
  hidden?: boolean;
}) {
  const t = useTranslations("groups.form");
  const tc = useTranslations("common");
  const formRef = useRef<HTMLFormElement>(null);
  const privateHintId = useId();
  const publicHintId = useId();
  const fieldErrors = error?.fieldErrors ?? {};
  const [course, setCourse] = useState<CourseOption | null>(defaults?.course ?? null);

  useFocusFirstInvalid(formRef, error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    onSubmit(
      {
        name: text("name"),
        description: text("description"),
        courseId: text("courseId"),
        maxMembers: text("maxMembers"),
        visibility: text("visibility") === "public" ? "public" : "private",
      },
      course?.title ?? null,
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate hidden={hidden} className="space-y-5">
      <ActionAlert error={error} fields={FIELDS} />
      <FormField label={t("name")} hint={t("nameHint")} errors={fieldErrors.name}>
        {(control) => (
          <input
            {...control}
            name="name"
            required
            maxLength={GROUP_NAME_MAX}
            defaultValue={defaults?.name}
            autoComplete="off"
            className={inputClass}
          />
        )}
      </FormField>
      <FormField label={t("description")} hint={t("descriptionHint")} errors={fieldErrors.description} optional>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={3}
            maxLength={GROUP_DESCRIPTION_MAX}
            defaultValue={defaults?.description}
            className={inputClass}
          />
        )}
      </FormField>
      <CourseSelect
        label={t("course")}
        hint={t("courseHint")}
        choose={t("noCourse")}
        name="courseId"
        optional
        value={course}
        onChange={setCourse}
        error={fieldErrors.courseId?.[0]}
      />
      <FormField label={t("maxMembers")} hint={t("maxMembersHint")} errors={fieldErrors.maxMembers} optional>
        {(control) => (
          <input
            {...control}
            name="maxMembers"
            type="number"
            inputMode="numeric"
            min={1}
            max={GROUP_MAX_MEMBERS_LIMIT}
            step={1}
            defaultValue={defaults?.maxMembers}
            className={`${inputClass} sm:max-w-40`}
          />
        )}
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t("visibility")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(["private", "public"] as const).map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-checked:border-brand-600 has-checked:bg-brand-50"
            >
              <input
                type="radio"
                name="visibility"
                value={value}
                defaultChecked={(defaults?.visibility ?? "private") === value}
                aria-describedby={value === "private" ? privateHintId : publicHintId}
                className="mt-0.5 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium">{t(value)}</span>
                <span id={value === "private" ? privateHintId : publicHintId} className="block text-xs text-slate-600">
                  {t(`${value}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <DialogFooter>
        <Button onClick={onCancel} disabled={pending}>
          {tc("cancel")}
        </Button>
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
