"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { CourseOption } from "@/lib/learning/queries";

/** Step 1: the company's courses, narrowed by a search over their titles. */
export function CourseStep({
  courses,
  selected,
  onChange,
  error,
}: {
  courses: readonly CourseOption[];
  selected: string;
  onChange: (id: string) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.course");
  const [term, setTerm] = useState("");
  const needle = term.trim().toLowerCase();
  const shown = needle ? courses.filter((course) => course.title.toLowerCase().includes(needle) || course.id === selected) : courses;
  if (courses.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <div className="max-w-xl space-y-4">
      <FormField label={t("search")} hint={t("searchHint")}>
        {(control) => (
          <input
            {...control}
            type="search"
            autoComplete="off"
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField label={t("label")} errors={error ? [error] : undefined}>
        {(control) => (
          <select
            {...control}
            size={Math.min(8, Math.max(2, shown.length))}
            value={selected}
            onChange={(event) => onChange(event.target.value)}
            className={inputClass}
          >
            {shown.map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {shown.length === 0 && <p className="text-sm text-slate-700">{t("noMatch", { term: term.trim() })}</p>}
    </div>
  );
}
