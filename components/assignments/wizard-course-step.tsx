"use client";

import { useTranslations } from "next-intl";
import { CourseSelect } from "@/components/learning/course-select";
import type { CourseOption } from "@/lib/learning/queries";

/** Step 1: one of the company's courses, searched by title. */
export function CourseStep({
  course,
  onChange,
  error,
}: {
  course: CourseOption | null;
  onChange: (course: CourseOption | null) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.course");
  return (
    <div className="max-w-xl">
      <CourseSelect label={t("label")} none={t("none")} value={course} onChange={onChange} error={error} />
    </div>
  );
}
