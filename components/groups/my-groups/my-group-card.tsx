import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SHOWN_COUNT_MAX } from "@/lib/chat/activity";
import type { MyGroupCard as Card } from "@/lib/groups/my-groups/queries";
import { GroupFacts } from "./group-facts";
import { LeaveButton } from "./leave-button";

/** One of my groups: course and my progress, unread messages, last activity; Leave for active public groups. */
export async function MyGroupCard({ group }: { group: Card }) {
  const t = await getTranslations("myGroups");
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          <Link href={`/groups/${group.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
            {group.name}
          </Link>
        </h3>
        {group.unread > 0 && (
          <Badge tone="brand">{group.unread > SHOWN_COUNT_MAX ? t("unreadMany") : t("unread", { count: group.unread })}</Badge>
        )}
      </div>
      <GroupFacts courseTitle={group.courseTitle} memberCount={group.memberCount} />
      {group.courseTitle && group.myPercent !== null && (
        <div className="space-y-1">
          <p className="text-sm">{t("myProgress", { percent: group.myPercent })}</p>
          <ProgressBar percent={group.myPercent} label={t("progressLabel", { course: group.courseTitle })} />
        </div>
      )}
      <p className="text-sm text-slate-600">
        {group.archivedAt
          ? t("archivedOn", { date: group.archivedAt })
          : group.lastActivityAt
            ? t("lastActivity", { date: group.lastActivityAt })
            : t("noActivity")}
      </p>
      {!group.archivedAt && group.visibility === "public" && (
        <div className="mt-auto">
          <LeaveButton groupId={group.id} groupName={group.name} />
        </div>
      )}
    </li>
  );
}
