import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import type { MyGroupsOverview } from "@/lib/groups/my-groups/queries";
import { MyGroupCard } from "./my-group-card";

const grid = "mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3";

/** My active groups, then the archived ones (read-only), or what to do when there are none. */
export async function MyGroupsList({ groups }: { groups: MyGroupsOverview }) {
  const t = await getTranslations("myGroups");
  return (
    <div className="space-y-8">
      <section aria-labelledby="active-groups">
        <h2 id="active-groups" className="text-lg font-semibold">
          {t("active")}
        </h2>
        {groups.active.length === 0 ? (
          <div className="mt-3 space-y-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
            <p>{t("empty")}</p>
            <Link href="/groups?tab=discover" className={buttonClass("secondary")}>
              {t("discoverLink")}
            </Link>
          </div>
        ) : (
          <ul className={grid}>
            {groups.active.map((group) => (
              <MyGroupCard key={group.id} group={group} />
            ))}
          </ul>
        )}
      </section>
      {groups.archived.length > 0 && (
        <section aria-labelledby="archived-groups">
          <h2 id="archived-groups" className="text-lg font-semibold">
            {t("archived")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("archivedIntro")}</p>
          <ul className={grid}>
            {groups.archived.map((group) => (
              <MyGroupCard key={group.id} group={group} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
