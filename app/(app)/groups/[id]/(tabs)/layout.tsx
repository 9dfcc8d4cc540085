import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { GroupActions } from "@/components/groups/group-actions";
import { GroupHeader } from "@/components/groups/group-header";
import { GroupLiveRefresh } from "@/components/groups/group-live-refresh";
import { GroupTabs } from "@/components/groups/group-tabs";
import { LeaveButton } from "@/components/groups/my-groups/leave-button";
import { GroupNotificationSettings } from "@/components/notifications/settings/group-notification-settings";
import { companyDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { loadGroupPage } from "../load";
import { GROUP_TABS, mayOpen, tabHref } from "../tabs";
import { readFrame } from "./frame";

/**
 * The group around its tabs, for everyone who may read it: header, actions, the tabs, live refresh
 * and the viewer's notification setting. Someone who may only preview the group is sent to the
 * preview. Each tab's own layout then decides whether the reader may open it, and the tab streams in
 * behind the loading boundary of its folder, below that decision (tabs.ts, `tabLayout`).
 */
export default async function GroupTabsLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = await loadGroupPage(id);
  if (!page) notFound();
  if (page.kind === "preview") redirect(`/groups/${id}`);
  const { viewer, group } = page;
  const [t, tChat, tn, frame] = await Promise.all([
    getTranslations("group"),
    getTranslations("chatTab"),
    getTranslations("notificationSettings"),
    readFrame(companyDb(viewer), page),
  ]);
  const archived = group.archivedAt !== null;
  // Statistics are about the linked course and the group's mandatory assignments: a group with
  // neither has no tab (asking for it anyway explains why).
  const shown = GROUP_TABS.filter((tab) => mayOpen(page, tab) && (tab !== "statistics" || frame.statisticsKind !== null));
  const labels = {
    activity: t("tabs.activity"),
    chat: tChat("tab"),
    members: t("tabs.members"),
    history: t("tabs.history"),
    statistics: t("tabs.statistics"),
  };
  return (
    <div className="space-y-8">
      <GroupLiveRefresh groupId={group.id} channelEpoch={frame.channelEpoch} />
      <GroupHeader
        group={group}
        backHref={can(viewer, "group.list") ? (archived ? "/admin/groups?tab=archived" : "/admin/groups") : null}
        actions={
          <div className="flex shrink-0 flex-wrap gap-2">
            {group.access.canLeave && <LeaveButton groupId={group.id} groupName={group.name} leaveTo="/groups" />}
            <GroupActions group={group} rights={frame.rights} />
          </div>
        }
      />
      <div className="space-y-6">
        <GroupTabs label={t("tabsLabel")} tabs={shown.map((tab) => ({ segment: tab, href: tabHref(group.id, tab), label: labels[tab] }))} />
        {children}
      </div>
      <section
        aria-labelledby="group-notifications"
        className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="group-notifications" className="text-lg font-semibold">
          {tn("title")}
        </h2>
        <GroupNotificationSettings groupId={group.id} level={frame.level.effective} defaultLevel={frame.level.defaultLevel} />
      </section>
    </div>
  );
}
