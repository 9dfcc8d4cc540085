import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AssignedPeopleTable } from "@/components/assignments/assigned-people-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import type { OverviewStatus } from "@/lib/assignments/overview";
import { pageParam, type SearchParams, textParam, withParams } from "../../../../search-params";
import { load } from "./load";

type Params = Promise<{ view: string; id: string }>;

const statusOf = (params: Record<string, string | string[] | undefined>): OverviewStatus =>
  textParam(params.status) === "overdue" ? "overdue" : "all";

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { view, id } = await params;
  const query = await searchParams;
  const people = await load(view, id, statusOf(query), pageParam(query.page));
  return { title: people?.name ?? (await getTranslations("errors"))("notFoundTitle") };
}

/** The drill-down of "Mandatory assignments": who has this course, or who got one through this group. */
export default async function AssignedPeoplePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { view, id } = await params;
  const query = await searchParams;
  const status = statusOf(query);
  const people = await load(view, id, status, pageParam(query.page));
  if (!people) notFound();
  const t = await getTranslations("assignmentAdmin.people");
  const path = `/admin/assignments/${people.view}/${id}`;
  return (
    <div className="space-y-6">
      <Link
        href={people.view === "course" ? "/admin/assignments" : "/admin/assignments?tab=group"}
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
      >
        <span aria-hidden="true">←</span> {t("back")}
      </Link>
      <PageHeader
        title={t(people.view === "course" ? "titleCourse" : "titleGroup", { name: people.name })}
        intro={t("intro")}
        action={
          <Link href={withParams(path, { status: status === "overdue" ? undefined : "overdue" })} className={buttonClass("secondary")}>
            {t(status === "overdue" ? "showAll" : "onlyOverdue")}
          </Link>
        }
      />
      {people.rows.length > 0 ? (
        <AssignedPeopleTable rows={people.rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("empty")}</p>
      )}
      <Pagination
        page={people.page}
        pageSize={people.pageSize}
        total={people.total}
        href={(page) => withParams(path, { status: status === "overdue" ? "overdue" : undefined, page })}
      />
    </div>
  );
}
