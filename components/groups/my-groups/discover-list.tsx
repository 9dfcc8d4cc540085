import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import type { DiscoverGroup } from "@/lib/groups/my-groups/queries";
import type { Page } from "@/lib/pagination";
import { GroupFacts } from "./group-facts";
import { JoinButton } from "./join-button";

const isFull = (group: Pick<DiscoverGroup, "memberCount" | "maxMembers">) =>
  group.maxMembers !== null && group.memberCount >= group.maxMembers;

/** The company's public groups I am not in, searchable, a page at a time, each with Join. */
export async function DiscoverList({
  groups,
  query,
  pageHref,
}: {
  groups: Page<DiscoverGroup>;
  query: string;
  pageHref: (page: number) => string;
}) {
  const t = await getTranslations("myGroups");
  return (
    <section aria-labelledby="discover-title" className="space-y-4">
      <h2 id="discover-title" className="sr-only">
        {t("tabs.discover")}
      </h2>
      <p className="text-slate-600">{t("discoverIntro")}</p>
      <SearchForm label={t("search")} query={query} keep={{ tab: "discover" }} />
      {groups.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {query ? t("discoverNoMatch", { query }) : t("discoverEmpty")}
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {groups.rows.map((group) => (
            <li key={group.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-semibold">
                  <Link href={`/groups/${group.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                    {group.name}
                  </Link>
                </h3>
                {isFull(group) && <Badge tone="warning">{t("full")}</Badge>}
              </div>
              <p className="line-clamp-3 text-sm text-slate-700">{group.description || t("noDescription")}</p>
              <GroupFacts courseTitle={group.courseTitle} memberCount={group.memberCount} maxMembers={group.maxMembers} />
              <div className="mt-auto">
                <JoinButton groupId={group.id} groupName={group.name} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={groups.page} pageSize={groups.pageSize} total={groups.total} href={pageHref} />
    </section>
  );
}
