import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { GroupsEmptyState } from "@/components/groups/groups-empty-state";
import { GroupsTable } from "@/components/groups/groups-table";
import { NewGroupButton } from "@/components/groups/new-group-button";
import { LinkTabs } from "@/components/ui/link-tabs";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listGroups } from "@/lib/groups/queries";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, textParam, withParams } from "../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

/** The admins' "Learning groups" list; anybody else gets a 404, never a hint that it exists. */
export default async function AdminGroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "group.list")) notFound();
  const params = await searchParams;
  const archived = textParam(params.tab) === "archived";
  const query = textParam(params.q);
  const canCreate = can(viewer, "group.create");
  const db = companyDb(viewer);
  const [list, t] = await Promise.all([
    listGroups(db, viewer, { archived, search: query, page: pageParam(params.page) }),
    getTranslations("groups"),
  ]);
  const tab = archived ? "archived" : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} action={canCreate && <NewGroupButton />} />
      <LinkTabs
        label={t("tabs.label")}
        tabs={[
          { href: "/admin/groups", label: t("tabs.active"), current: !archived },
          { href: "/admin/groups?tab=archived", label: t("tabs.archived"), current: archived },
        ]}
      />
      <SearchForm label={t("searchLabel")} query={query} keep={tab ? { tab } : {}} />
      {list.rows.length > 0 ? (
        <GroupsTable rows={list.rows} caption={archived ? t("table.captionArchived") : t("table.captionActive")} />
      ) : list.total > 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("pageEmpty")}</p>
      ) : (
        <GroupsEmptyState archived={archived} query={query} />
      )}
      <Pagination
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        href={(page) => withParams("/admin/groups", { tab, q: query, page })}
      />
    </div>
  );
}
