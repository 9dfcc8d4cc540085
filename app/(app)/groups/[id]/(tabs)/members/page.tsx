import { GroupRules } from "@/components/assignments/group-rules";
import { type MembersNote, MembersTab } from "@/components/membership/members-tab";
import { companyDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, textParam } from "../../../../search-params";
import { managesMembers, openTab, tabHref } from "../../tabs";
import { readMembersTab } from "./load";

export default async function MembersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const page = await openTab((await params).id, "members");
  const query = await searchParams;
  const search = textParam(query.q);
  const { viewer, group } = page;
  const { members, rules, hasAssignments } = await readMembersTab(companyDb(page.viewer), page, { search, page: pageParam(query.page) });
  const canManage = managesMembers(page);
  const archived = group.archivedAt !== null;
  const note: MembersNote = !can(viewer, "group.list") ? null : archived ? "archived" : canManage ? null : "ownerOnly";
  return (
    <MembersTab
      groupId={group.id}
      groupName={group.name}
      ownerName={group.ownerName}
      members={members}
      query={search}
      canManage={canManage}
      note={note}
      pageHref={(target) => tabHref(group.id, "members", { q: search, page: target })}
      courseTitle={group.courseTitle}
      viewerId={viewer.userId}
      canOpenAnyCertificate={can(viewer, "learning.viewOthers")}
      hasAssignments={hasAssignments}
    >
      {rules && <GroupRules groupId={group.id} rules={rules} canAssign={!archived} />}
    </MembersTab>
  );
}
