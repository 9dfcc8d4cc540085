import { getTranslations } from "next-intl/server";
import { AssignmentFiguresSection } from "@/components/statistics/assignment-figures";
import { ProgressOverTime } from "@/components/statistics/over-time";
import { StatisticsTab } from "@/components/statistics/statistics-tab";
import { companyDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { MEMBER_SORTS, type MemberSort, type SortDirection } from "@/lib/statistics/group";
import { pageParam, type SearchParams, textParam } from "../../../../search-params";
import { openTab, tabHref } from "../../tabs";
import { readStatisticsTab } from "./load";

export default async function StatisticsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const page = await openTab((await params).id, "statistics");
  const query = await searchParams;
  const search = textParam(query.q);
  const sort: MemberSort = MEMBER_SORTS.find((s) => s === textParam(query.sort)) ?? "name";
  const direction: SortDirection = textParam(query.dir) === "desc" ? "desc" : "asc";
  const [t, tStatistics, { kind, tab, overTime, figures, channelEpoch }] = await Promise.all([
    getTranslations("group"),
    getTranslations("statistics"),
    readStatisticsTab(companyDb(page.viewer), page, { search, sort, direction, page: pageParam(query.page) }),
  ]);
  const groupId = page.group.id;
  return (
    <>
      {kind === null && <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("statisticsNoCourse")}</p>}
      {kind === "assignments" && (
        <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">{tStatistics("assignments.onlyAssignments")}</p>
      )}
      {tab && (
        <StatisticsTab
          statistics={tab.statistics}
          channelEpoch={channelEpoch}
          members={tab.members}
          query={search}
          sort={sort}
          direction={direction}
          canOpenPeople={can(page.viewer, "people.view")}
          href={(target) => tabHref(groupId, "statistics", { q: search, sort: target.sort, dir: target.dir, page: target.page })}
        />
      )}
      {overTime && <ProgressOverTime points={overTime} />}
      {figures && <AssignmentFiguresSection figures={figures} />}
    </>
  );
}
