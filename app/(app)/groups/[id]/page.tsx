import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getNow, getTranslations } from "next-intl/server";
import { GroupRules } from "@/components/assignments/group-rules";
import { ChatTab } from "@/components/chat/chat-tab";
import { ActivityTab } from "@/components/feed/activity-tab";
import { GroupActions, type GroupRights } from "@/components/groups/group-actions";
import { GroupHeader } from "@/components/groups/group-header";
import { GroupLiveRefresh } from "@/components/groups/group-live-refresh";
import { GroupPreview } from "@/components/groups/my-groups/group-preview";
import { LeaveButton } from "@/components/groups/my-groups/leave-button";
import { AssignmentFiguresSection } from "@/components/statistics/assignment-figures";
import { StatisticsTab } from "@/components/statistics/statistics-tab";
import { ProgressOverTime } from "@/components/statistics/over-time";
import { GroupNotificationSettings } from "@/components/notifications/settings/group-notification-settings";
import { HistoryTab } from "@/components/membership/history-tab";
import { type MembersNote, MembersTab } from "@/components/membership/members-tab";
import { LinkTabs } from "@/components/ui/link-tabs";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/viewer";
import { listMessages } from "@/lib/chat/queries";
import { listFeed } from "@/lib/feed/queries";
import { listCourseOptions } from "@/lib/learning/queries";
import { listHistory } from "@/lib/membership/queries/history";
import { listMembers } from "@/lib/membership/queries/members";
import { getGroupLevel } from "@/lib/notifications/settings/queries";
import { can, hasOwnerRights } from "@/lib/permissions";
import { groupAssignmentFigures } from "@/lib/assignments/overview";
import { groupHasOpenAssignments } from "@/lib/assignments/queries";
import { listGroupRules } from "@/lib/assignments/queries";
import { getStatisticsTab, getStatisticsTabKind, MEMBER_SORTS, type MemberSort, type SortDirection } from "@/lib/statistics/group";
import { getProgressOverTime } from "@/lib/statistics/over-time";
import { currentEpochs } from "@/lib/realtime/epochs";
import { pageParam, type SearchParams, textParam, withParams } from "../../search-params";
import { loadGroup, loadPreview } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const group = (await loadGroup(id)) ?? (await loadPreview(id));
  return { title: group?.name ?? (await getTranslations("errors"))("notFoundTitle") };
}

/** The group for everyone who may read it; tabs and actions appear by permission. */
export default async function GroupPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const group = await loadGroup(id);
  if (!group) {
    const preview = await loadPreview(id);
    if (!preview) notFound();
    return <GroupPreview group={preview} />;
  }
  const query = await searchParams;
  const archived = group.archivedAt !== null;
  const showHistory = can(viewer, "group.viewHistory");
  const page = pageParam(query.page);
  const search = textParam(query.q);
  const path = `/groups/${group.id}`;
  // What the services allow, read with the group's row (`manageGroupSql`): a private group is its
  // owner's to edit, archive, restore, delete and fill; another admin is offered Take ownership instead.
  const manages = group.access.canManage;
  const rights: GroupRights = {
    edit: !archived && manages && can(viewer, "group.edit"),
    archive: !archived && manages && can(viewer, "group.archive"),
    delete: manages && can(viewer, "group.delete"),
    restore: archived && manages && can(viewer, "group.restore"),
    takeOwnership: !group.access.isOwner && can(viewer, "group.takeOwnership"),
    ownerOnly: !manages && can(viewer, "group.edit"),
  };
  const canManage = !archived && manages;
  const requested = textParam(query.tab);
  // The feed exists with a linked course. Members land on it; whoever manages the members lands on
  // Members, where their work is, and stays there when an add takes them into the group.
  const showActivity = group.courseId !== null;
  const showChat = group.access.canRead;
  // Statistics are about the linked course and the group's mandatory assignments: a group with
  // neither has no tab, and asking for it anyway explains why.
  const canSeeStatistics = group.access.canSeeStatistics;
  const statisticsKind = canSeeStatistics ? await getStatisticsTabKind(getDb(), viewer, group.id) : null;
  const showStatistics = statisticsKind !== null;
  const sort: MemberSort = MEMBER_SORTS.find((s) => s === textParam(query.sort)) ?? "name";
  const direction: SortDirection = textParam(query.dir) === "desc" ? "desc" : "asc";
  const tab =
    canSeeStatistics && requested === "statistics"
      ? "statistics"
      : showHistory && requested === "history"
        ? "history"
        : showChat && requested === "chat"
          ? "chat"
          : showActivity && (requested === "activity" || (requested === "" && group.access.isMember && !canManage))
            ? "activity"
            : "members";
  const note: MembersNote = !can(viewer, "group.list") ? null : archived ? "archived" : canManage ? null : "ownerOnly";

  const showRules = tab === "members" && can(viewer, "assignment.assign");
  const db = getDb();
  const [
    t,
    tChat,
    tn,
    tStatistics,
    now,
    channelEpoch,
    notificationLevel,
    courses,
    members,
    history,
    feed,
    chat,
    statistics,
    overTime,
    assignmentFigures,
    rules,
    hasAssignments,
  ] = await Promise.all([
    getTranslations("group"),
    getTranslations("chatTab"),
    getTranslations("notificationSettings"),
    getTranslations("statistics"),
    getNow(),
    // The live parts subscribe to the group's channels at this epoch (and follow it when it moves on).
    currentEpochs(db, [group.id]).then((epochs) => epochs.get(group.id) ?? 0),
    getGroupLevel(db, viewer, group.id),
    rights.edit ? listCourseOptions(db, viewer) : [],
    tab === "members" ? listMembers(db, viewer, group.id, { search, page }) : null,
    tab === "history" ? listHistory(db, viewer, group.id, { page }) : null,
    tab === "activity" ? listFeed(db, viewer, group.id) : null,
    tab === "chat" ? listMessages(db, viewer, group.id) : null,
    tab === "statistics" && statisticsKind === "course" ? getStatisticsTab(db, viewer, group.id, { search, sort, direction, page }) : null,
    tab === "statistics" && statisticsKind === "course" ? getProgressOverTime(db, viewer, group.id) : null,
    tab === "statistics" && showStatistics ? groupAssignmentFigures(db, viewer, group.id) : null,
    showRules ? listGroupRules(db, viewer, group.id) : null,
    tab === "members" && canManage ? groupHasOpenAssignments(db, viewer, group.id) : false,
  ]);

  return (
    <div className="space-y-8">
      <GroupLiveRefresh groupId={group.id} channelEpoch={channelEpoch} />
      <GroupHeader
        group={group}
        backHref={can(viewer, "group.list") ? (archived ? "/admin/groups?tab=archived" : "/admin/groups") : null}
        actions={
          <div className="flex shrink-0 flex-wrap gap-2">
            {group.access.canLeave && <LeaveButton groupId={group.id} groupName={group.name} leaveTo="/groups" />}
            <GroupActions group={group} rights={rights} courses={courses} />
          </div>
        }
      />
      <div className="space-y-6">
        <LinkTabs
          label={t("tabsLabel")}
          tabs={[
            ...(showActivity ? [{ href: `${path}?tab=activity`, label: t("tabs.activity"), current: tab === "activity" }] : []),
            ...(showChat ? [{ href: `${path}?tab=chat`, label: tChat("tab"), current: tab === "chat" }] : []),
            { href: `${path}?tab=members`, label: t("tabs.members"), current: tab === "members" },
            ...(showHistory ? [{ href: `${path}?tab=history`, label: t("tabs.history"), current: tab === "history" }] : []),
            ...(showStatistics ? [{ href: `${path}?tab=statistics`, label: t("tabs.statistics"), current: tab === "statistics" }] : []),
          ]}
        />
        {members && (
          <MembersTab
            groupId={group.id}
            groupName={group.name}
            ownerName={group.ownerName}
            members={members}
            query={search}
            canManage={canManage}
            note={note}
            pageHref={(target) => withParams(path, { tab: "members", q: search, page: target })}
            courseTitle={group.courseTitle}
            viewerId={viewer.userId}
            canOpenAnyCertificate={can(viewer, "learning.viewOthers")}
            hasAssignments={hasAssignments}
          >
            {rules && <GroupRules groupId={group.id} rules={rules} canAssign={!archived} />}
          </MembersTab>
        )}
        {feed && (
          <ActivityTab
            groupId={group.id}
            channelEpoch={channelEpoch}
            initial={feed}
            renderedAt={now.getTime()}
            viewerId={viewer.userId}
            canOpenAnyCertificate={can(viewer, "learning.viewOthers")}
          />
        )}
        {chat && (
          <ChatTab
            key={group.id}
            groupId={group.id}
            channelEpoch={channelEpoch}
            viewer={{ id: viewer.userId, name: viewer.name, isAdmin: isAdmin(viewer), isOwner: hasOwnerRights(viewer, group) }}
            archived={archived}
            initial={chat}
          />
        )}
        {tab === "statistics" && !showStatistics && (
          <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("statisticsNoCourse")}</p>
        )}
        {tab === "statistics" && statisticsKind === "assignments" && (
          <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">{tStatistics("assignments.onlyAssignments")}</p>
        )}
        {statistics && (
          <StatisticsTab
            statistics={statistics.statistics}
            channelEpoch={channelEpoch}
            members={statistics.members}
            query={search}
            sort={sort}
            direction={direction}
            canOpenPeople={can(viewer, "people.view")}
            href={(target) => withParams(path, { tab: "statistics", q: search, sort: target.sort, dir: target.dir, page: target.page })}
          />
        )}
        {overTime && <ProgressOverTime points={overTime} />}
        {assignmentFigures && <AssignmentFiguresSection figures={assignmentFigures} />}
        {history && <HistoryTab history={history} pageHref={(target) => withParams(path, { tab: "history", page: target })} />}
      </div>
      <section
        aria-labelledby="group-notifications"
        className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="group-notifications" className="text-lg font-semibold">
          {tn("title")}
        </h2>
        <GroupNotificationSettings groupId={group.id} level={notificationLevel.effective} defaultLevel={notificationLevel.defaultLevel} />
      </section>
    </div>
  );
}
