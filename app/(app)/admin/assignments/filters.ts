import { z } from "zod";
import { OVERVIEW_SORTS, OVERVIEW_STATUSES, OVERVIEW_VIEWS, type OverviewQuery } from "@/lib/assignments/overview";
import { textParam, withParams } from "../../search-params";

type Params = Record<string, string | string[] | undefined>;

function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const uuidOrNull = (value: string) => (z.uuid().safeParse(value).success ? value : null);

/**
 * The overview's tab and filters from a query string, shared by the page and its CSV so the download
 * is what the page shows. Anything unknown is ignored.
 */
export function overviewQuery(params: Params): OverviewQuery {
  return {
    view: oneOf(OVERVIEW_VIEWS, textParam(params.tab)) ?? "course",
    courseId: uuidOrNull(textParam(params.course)),
    groupId: uuidOrNull(textParam(params.group)),
    status: oneOf(OVERVIEW_STATUSES, textParam(params.status)) ?? "all",
    search: textParam(params.q),
    sort: oneOf(OVERVIEW_SORTS, textParam(params.sort)) ?? "name",
    direction: textParam(params.dir) === "desc" ? "desc" : "asc",
  };
}

export const isFiltered = (query: OverviewQuery) => Boolean(query.search || query.courseId || query.groupId || query.status !== "all");

/** A link to the overview (or its CSV) with this tab and these filters; defaults are left out. */
export function overviewHref(path: string, query: OverviewQuery, page?: number): string {
  return withParams(path, {
    tab: query.view === "course" ? undefined : query.view,
    q: query.search,
    course: query.courseId ?? undefined,
    group: query.groupId ?? undefined,
    status: query.status === "all" ? undefined : query.status,
    sort: query.sort === "name" ? undefined : query.sort,
    dir: query.direction === "desc" ? "desc" : undefined,
    page,
  });
}
