import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SearchForm } from "@/components/ui/search-form";
import { TableScroller } from "@/components/ui/table-scroller";
import type { Page } from "@/lib/pagination";
import type { MemberSort, SortDirection, StatisticsMemberRow } from "@/lib/statistics/group";

type Href = (params: { sort?: MemberSort; dir?: SortDirection; page?: number }) => string;

const cell = "px-4 py-3 align-top";

/** A column header that sorts by its column; a second click turns the order around. */
async function SortHeader({
  column,
  sort,
  direction,
  href,
}: {
  column: MemberSort;
  sort: MemberSort;
  direction: SortDirection;
  href: Href;
}) {
  const t = await getTranslations("statistics");
  const current = column === sort;
  const next: SortDirection = current && direction === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={`${cell} font-medium`} aria-sort={current ? (direction === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        href={href({ sort: column, dir: next })}
        className="inline-flex items-center gap-1 underline-offset-2 hover:underline"
        aria-label={t("sortBy", { column: t(`columns.${column}`) })}
      >
        {t(`columns.${column}`)}
        {current && <span aria-hidden="true">{direction === "asc" ? "▲" : "▼"}</span>}
      </Link>
    </th>
  );
}

/** The Statistics tab's member table: sortable, searchable, paged, with the CSV of all of it. */
export async function StatisticsMembers({
  groupId,
  members,
  query,
  sort,
  direction,
  canOpenPeople,
  href,
}: {
  groupId: string;
  members: Page<StatisticsMemberRow>;
  query: string;
  sort: MemberSort;
  direction: SortDirection;
  canOpenPeople: boolean;
  href: Href;
}) {
  const [t, format] = await Promise.all([getTranslations("statistics"), getFormatter()]);
  const empty = "rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700";
  return (
    <section aria-labelledby="statistics-members" className="space-y-4">
      <h3 id="statistics-members" className="text-base font-semibold text-slate-900">
        {t("membersTitle")}
      </h3>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchForm label={t("searchLabel")} query={query} keep={{ sort, dir: direction }} />
        <a href={`/groups/${groupId}/statistics.csv`} download className={buttonClass("secondary")}>
          {t("download")}
        </a>
      </div>
      {members.rows.length === 0 ? (
        <p className={empty}>{query ? t("noMatches", { query }) : t("pageEmpty")}</p>
      ) : (
        <TableScroller label={t("tableLabel")}>
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("tableLabel")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <SortHeader column="name" sort={sort} direction={direction} href={href} />
                <SortHeader column="progress" sort={sort} direction={direction} href={href} />
                <SortHeader column="score" sort={sort} direction={direction} href={href} />
                <SortHeader column="activity" sort={sort} direction={direction} href={href} />
                <th scope="col" className={`${cell} font-medium`}>
                  {t("columns.bucket")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {members.rows.map((row) => (
                <tr key={row.userId}>
                  <th scope="row" className={`${cell} font-medium text-slate-900`}>
                    {canOpenPeople ? (
                      <Link href={`/admin/people/${row.userId}`} className="text-brand-600 underline-offset-2 hover:underline">
                        {row.name}
                      </Link>
                    ) : (
                      row.name
                    )}
                    {row.departmentName && <span className="block text-xs font-normal text-slate-600">{row.departmentName}</span>}
                  </th>
                  <td className={`${cell} min-w-40`}>
                    <span className="block text-slate-700">{t("lessons", { done: row.lessonsDone, percent: row.percent })}</span>
                    <ProgressBar percent={row.percent} label={t("columns.progress")} />
                  </td>
                  <td className={cell}>{row.score === null ? t("none") : t("scoreValue", { score: row.score })}</td>
                  <td className={cell}>{row.lastActivityAt ? format.dateTime(row.lastActivityAt, "moment") : t("none")}</td>
                  <td className={cell}>{t(`buckets.${row.bucket}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pagination
        page={members.page}
        pageSize={members.pageSize}
        total={members.total}
        href={(page) => href({ sort, dir: direction, page })}
      />
    </section>
  );
}
