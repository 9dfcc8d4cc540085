import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { MyGroup } from "@/lib/home/queries";

export async function MyGroups({ groups }: { groups: MyGroup[] }) {
  const t = await getTranslations("home");
  return (
    <section aria-labelledby="my-groups">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-groups" className="text-lg font-semibold">
          {t("myGroups")}
        </h2>
        <Link href="/groups" className="text-sm font-medium text-brand-700 hover:underline">
          {t("allGroups")}
        </Link>
      </div>
      {groups.length === 0 ? (
        <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">{t("noGroups")}</p>
      ) : (
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((group) => (
            <li
              key={group.id}
              className="relative rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition-shadow hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-600"
            >
              <h3 className="font-semibold">
                <Link
                  href={`/groups/${group.id}`}
                  className="text-slate-900 after:absolute after:inset-0 hover:text-brand-700 focus-visible:outline-none"
                >
                  {group.name}
                </Link>
              </h3>
              <p className="mt-1 text-sm text-slate-600">
                {group.courseTitle ? t("groupCourse", { course: group.courseTitle }) : t("groupNoCourse")}
                {" · "}
                {t("members", { count: group.memberCount })}
              </p>
              {group.courseTitle && group.myPercent !== null && (
                <div className="mt-3 space-y-1">
                  <p className="text-sm">{t("myProgress", { percent: group.myPercent })}</p>
                  <ProgressBar percent={group.myPercent} label={t("progressLabel", { course: group.courseTitle })} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
