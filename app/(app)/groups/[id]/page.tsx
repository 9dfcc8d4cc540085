import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { z } from "zod";
import { ChatTab } from "@/components/chat/chat-tab";
import { GroupActions, type GroupRights } from "@/components/groups/group-actions";
import { GroupHeader } from "@/components/groups/group-header";
import { GroupLiveRefresh } from "@/components/groups/group-live-refresh";
import { HistoryTab } from "@/components/membership/history-tab";
import { type MembersNote, MembersTab } from "@/components/membership/members-tab";
import { LinkTabs } from "@/components/ui/link-tabs";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/viewer";
import { listMessages } from "@/lib/chat/queries";
import { getGroupView } from "@/lib/groups/queries";
import { listCourseOptions } from "@/lib/learning/queries";
import { listHistory, listMembers } from "@/lib/membership/queries";
import { can, canManageMembers } from "@/lib/permissions";
import { pageParam, type SearchParams, textParam, withParams } from "../../search-params";

type Params = Promise<{ id: string }>;

/** The group, or null when it does not exist for this viewer (also for an id that is no uuid). */
const loadGroup = cache(async (id: string) => {
  const viewer = await requireViewer();
  return z.uuid().safeParse(id).success ? getGroupView(getDb(), viewer, id) : null;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const group = await loadGroup((await params).id);
  return { title: group?.name ?? (await getTranslations("errors"))("notFoundTitle") };
}

/** The group for everyone who may read it; tabs and actions appear by permission. */
export default async function GroupPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const group = await loadGroup((await params).id);
  if (!group) notFound();
  const query = await searchParams;
  const archived = group.archivedAt !== null;
  const showHistory = can(viewer, "group.viewHistory");
  const showChat = group.access.canRead;
  const requested = textParam(query.tab);
  const tab = showHistory && requested === "history" ? "history" : showChat && requested === "chat" ? "chat" : "members";
  const page = pageParam(query.page);
  const search = textParam(query.q);
  const path = `/groups/${group.id}`;
  const rights: GroupRights = {
    edit: !archived && can(viewer, "group.edit"),
    archive: !archived && can(viewer, "group.archive"),
    delete: can(viewer, "group.delete"),
    restore: archived && can(viewer, "group.restore"),
    takeOwnership: !archived && !group.access.isOwner && can(viewer, "group.takeOwnership"),
  };
  const canManage = !archived && canManageMembers(viewer, group);
  const note: MembersNote = !can(viewer, "group.list") ? null : archived ? "archived" : canManage ? null : "ownerOnly";

  const db = getDb();
  const [t, tChat, courses, members, history, chat] = await Promise.all([
    getTranslations("group"),
    getTranslations("chatTab"),
    rights.edit ? listCourseOptions(db, viewer) : [],
    tab === "members" ? listMembers(db, viewer, group.id, { search, page }) : null,
    tab === "history" ? listHistory(db, viewer, group.id, { page }) : null,
    tab === "chat" ? listMessages(db, viewer, group.id) : null,
  ]);

  return (
    <div className="space-y-8">
      <GroupLiveRefresh groupId={group.id} />
      <GroupHeader
        group={group}
        backHref={can(viewer, "group.list") ? (archived ? "/admin/groups?tab=archived" : "/admin/groups") : null}
        actions={<GroupActions group={group} rights={rights} courses={courses} />}
      />
      <div className="space-y-6">
        <LinkTabs
          label={t("tabsLabel")}
          tabs={[
            ...(showChat ? [{ href: `${path}?tab=chat`, label: tChat("tab"), current: tab === "chat" }] : []),
            { href: path, label: t("tabs.members"), current: tab === "members" },
            ...(showHistory ? [{ href: `${path}?tab=history`, label: t("tabs.history"), current: tab === "history" }] : []),
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
            pageHref={(target) => withParams(path, { q: search, page: target })}
          />
        )}
        {chat && (
          <ChatTab
            key={group.id}
            groupId={group.id}
            viewer={{ id: viewer.userId, name: viewer.name, isAdmin: isAdmin(viewer), isOwner: group.access.isOwner }}
            archived={archived}
            initial={chat}
          />
        )}
        {history && <HistoryTab history={history} pageHref={(target) => withParams(path, { tab: "history", page: target })} />}
      </div>
    </div>
  );
}
