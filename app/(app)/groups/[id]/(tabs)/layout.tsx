import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { GroupActions } from "@/components/groups/group-actions";
import { GroupHeader } from "@/components/groups/group-header";
import { GroupLiveRefresh } from "@/components/groups/group-live-refresh";
import { GroupTabs } from "@/components/groups/group-tabs";
import { LeaveButton } from "@/components/groups/my-groups/leave-button";
import { GroupNotificationsButton } from "@/components/notifications/settings/group-notifications-button";
import { companyDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { loadGroupPage } from "../load";
import { GROUP_TABS, mayOpen, tabHref, tabLabels } from "../tabs";
import { readFrame } from "./frame";

/**
 * The group around its tabs, for everyone who may read it: header, actions, the tabs, live refresh;
 * the viewer's notification setting is a button of the header (a dialog), not a card under every tab. Someone who may only preview the group is sent to the
 * preview. Each tab's own layout then decides whether the reader may open it, and the tab streams in
 * behind the loading boundary of its folder, below that decision (tabs.ts, `tabLayout`).
 */
export default async function GroupTabsLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = await loadGroupPage(id);
  if (!page) notFound();
  if (page.kind === "preview") redirect(`/groups/${id}`);
  const { viewer, group } = page;
  const [t, labels, frame] = await Promise.all([getTranslations("group"), tabLabels(), readFrame(companyDb(viewer), page)]);
  const archived = group.archivedAt !== null;
  // Statistics are about the linked course and the group's mandatory assignments: a group with
  // neither has no tab (asking for it anyway explains why).
  const shown = GROUP_TABS.filter((tab) => mayOpen(page, tab) && (tab !== "statistics" || frame.statisticsKind !== null));
  return (
    <div className="space-y-8">
      <GroupLiveRefresh groupId={group.id} channelEpoch={frame.channelEpoch} />
      <GroupHeader
        group={group}
        backHref={can(viewer, "group.list") ? (archived ? "/admin/groups?tab=archived" : "/admin/groups") : null}
        actions={
          <div className="flex shrink-0 flex-wrap gap-2">
            <GroupNotificationsButton groupId={group.id} level={frame.level.effective} defaultLevel={frame.level.defaultLevel} />
            {group.access.canLeave && <LeaveButton groupId={group.id} groupName={group.name} leaveTo="/groups" />}
            <GroupActions group={group} rights={frame.rights} />
          </div>
        }
      />
      <div className="space-y-6">
        <GroupTabs label={t("tabsLabel")} tabs={shown.map((tab) => ({ segment: tab, href: tabHref(group.id, tab), label: labels[tab] }))} />
        {children}
      </div>
    </div>
  );
}
