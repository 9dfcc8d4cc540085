import { z } from "zod";
import { groupVisibilityEnum } from "@/db/schema";
import { REPORT_SORTS, REPORT_STATUSES, type ReportFilters, SORT_DIRECTIONS } from "@/lib/reports/queries";
import { textParam, withParams } from "../../search-params";

type Params = Record<string, string | string[] | undefined>;

/** A value from a fixed list, or null for anything else in the query string. */
function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * The report's filters from a query string, shared by the page and its CSV so the download is
 * exactly what the page shows. Anything unknown is ignored; status defaults to every group.
 */
export function reportFilters(params: Params): Required<Omit<ReportFilters, "courseId" | "visibility">> & ReportFilters {
  const course = textParam(params.course);
  return {
    courseId: z.uuid().safeParse(course).success ? course : null,
    status: oneOf(REPORT_STATUSES, textParam(params.status)) ?? "all",
    visibility: oneOf(groupVisibilityEnum.enumValues, textParam(params.visibility)),
    search: textParam(params.q),
    sort: oneOf(REPORT_SORTS, textParam(params.sort)) ?? "name",
    direction: oneOf(SORT_DIRECTIONS, textParam(params.dir)) ?? "asc",
  };
}

/** A link to the report (or its CSV) with these filters; defaults are left out. */
export function reportHref(path: string, filters: ReportFilters, page?: number): string {
  return withParams(path, {
    q: filters.search,
    course: filters.courseId ?? undefined,
    status: filters.status === "all" ? undefined : filters.status,
    visibility: filters.visibility ?? undefined,
    sort: filters.sort === "name" ? undefined : filters.sort,
    dir: filters.direction === "desc" ? "desc" : undefined,
    page,
  });
}
