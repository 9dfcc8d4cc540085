"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SearchSelect } from "@/components/ui/search-select";
import { searchCourseOptionsAction } from "@/lib/learning/actions";
import type { CourseOption } from "@/lib/learning/queries";

/**
 * A course of the company, searched on the server by title (`searchCourseOptions`): a group's
 * course, a person's assignment, the reports' and assignments' filters. `choose` names the empty
 * choice ("No course", "All courses").
 */
export function CourseSelect({
  label,
  hint,
  choose,
  none,
  value,
  onChange,
  name,
  error,
  optional,
}: {
  label: string;
  hint?: string;
  choose?: string;
  /** Said when the company has no course at all, when not the picker's own sentence. */
  none?: string;
  value: CourseOption | null;
  onChange: (course: CourseOption | null) => void;
  name?: string;
  error?: string | null;
  optional?: boolean;
}) {
  const t = useTranslations("courseSelect");
  return (
    <SearchSelect
      label={label}
      hint={hint}
      name={name}
      error={error}
      optional={optional}
      value={value}
      onChange={onChange}
      texts={{
        search: t("search"),
        placeholder: t("placeholder"),
        choose: choose ?? t("choose"),
        none: none ?? t("none"),
        more: (count) => t("more", { count }),
        noMatch: (term) => t("noMatch", { term }),
      }}
      search={(term) => searchCourseOptionsAction({ term })}
      render={(courses) =>
        courses.map((course) => (
          <option key={course.id} value={course.id}>
            {course.title}
          </option>
        ))
      }
    />
  );
}

/** A filter's course in a GET form (`name`): "All courses" or one, the current one given by the page. */
export function CourseFilter({
  name,
  label,
  allLabel,
  initial,
}: {
  name: string;
  label: string;
  allLabel: string;
  initial: CourseOption | null;
}) {
  const [course, setCourse] = useState(initial);
  return <CourseSelect name={name} label={label} choose={allLabel} value={course} onChange={setCourse} />;
}
