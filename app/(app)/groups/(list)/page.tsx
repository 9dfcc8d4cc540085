import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DiscoverList } from "@/components/groups/my-groups/discover-list";
import { MyGroupsList } from "@/components/groups/my-groups/my-groups-list";
import { LinkTabs } from "@/components/ui/link-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listDiscoverGroups, listMyGroupsOverview } from "@/lib/groups/my-groups/queries";
import { pageParam, type SearchParams, textParam, withParams } from "../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("myGroups"))("title") };
}

/** "My groups" for everyone: the groups I am in (archived apart), and Discover, the public groups I could join. */
export default async function MyGroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const discover = textParam(params.tab) === "discover";
  const query = textParam(params.q);
  const db = companyDb(viewer);
  const [t, mine, publicGroups] = await Promise.all([
    getTranslations("myGroups"),
    discover ? null : listMyGroupsOverview(db, viewer),
    discover ? listDiscoverGroups(db, viewer, { search: query, page: pageParam(params.page) }) : null,
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <LinkTabs
        label={t("tabsLabel")}
        tabs={[
          { href: "/groups", label: t("tabs.mine"), current: !discover },
          { href: "/groups?tab=discover", label: t("tabs.discover"), current: discover },
        ]}
      />
      {mine && <MyGroupsList groups={mine} />}
      {publicGroups && (
        <DiscoverList groups={publicGroups} query={query} pageHref={(page) => withParams("/groups", { tab: "discover", q: query, page })} />
      )}
    </div>
  );
}
