"use client";

import { type PickerProps, SearchSelect, usePickerTexts } from "@/components/ui/search-select";
import { searchCourseOptionsAction } from "@/lib/learning/actions";
import type { CourseOption } from "@/lib/learning/queries";

/**
 * A course of the company, searched on the server by title (`searchCourseOptions`): a group's
 * course, a person's assignment, the reports' and assignments' filters. `choose` names the empty
 * choice ("No course", "All courses"); `none` what is said when the company has no course at all.
 */
export function CourseSelect({ choose, none, ...picker }: PickerProps<CourseOption> & { choose?: string; none?: string }) {
  return (
    <SearchSelect
      {...picker}
      texts={usePickerTexts("courseSelect", { choose, none })}
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
