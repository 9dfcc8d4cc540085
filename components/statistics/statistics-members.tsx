import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Cell, type DataColumn, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SearchForm } from "@/components/ui/search-form";
import type { Page } from "@/lib/pagination";
import type { MemberSort, SortDirection, StatisticsMemberRow } from "@/lib/statistics/group";

type Href = (params: { sort?: MemberSort; dir?: SortDirection; page?: number }) => string;

const SORTED: readonly MemberSort[] = ["name", "progress", "score", "activity"];

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
  // Sorting by a column: the current one turns around, another starts ascending.
  const columns: DataColumn[] = [
    ...SORTED.map((column) => ({
      label: t(`columns.${column}`),
      sort: {
        direction: column === sort ? direction : null,
        href: (dir: SortDirection) => href({ sort: column, dir }),
        label: () => t("sortBy", { column: t(`columns.${column}`) }),
      },
    })),
    // On a phone where someone stands stays beside their name.
    { label: t("columns.bucket"), important: true },
  ];
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
        <DataTable label={t("tableLabel")} columns={columns} cellAlign="top">
          {members.rows.map((row) => (
            <Row key={row.userId}>
              <RowHeader>
                {canOpenPeople ? (
                  <Link href={`/admin/people/${row.userId}`} className="text-brand-600 underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                ) : (
                  row.name
                )}
                {row.departmentName && <span className="block text-xs font-normal text-slate-600">{row.departmentName}</span>}
              </RowHeader>
              <Cell wrap className="min-w-40 max-sm:min-w-0">
                <span className="block text-slate-700">{t("lessons", { done: row.lessonsDone, percent: row.percent })}</span>
                <ProgressBar percent={row.percent} label={t("columns.progress")} />
              </Cell>
              <Cell>{row.score === null ? t("none") : t("scoreValue", { score: row.score })}</Cell>
              <Cell>{row.lastActivityAt ? format.dateTime(row.lastActivityAt, "moment") : t("none")}</Cell>
              <Cell>{t(`buckets.${row.bucket}`)}</Cell>
            </Row>
          ))}
        </DataTable>
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
