import type { DatabaseOrTransaction } from "@/db/client";
import { groupHasOpenAssignments, listGroupRules } from "@/lib/assignments/queries";
import { listMembers } from "@/lib/membership/queries/members";
import { can } from "@/lib/permissions";
import type { ReadablePage } from "../../load";
import { managesMembers } from "../../tabs";

/** The Members tab: a page of members, the group's assignment rules for whoever assigns, and whether removing someone touches assignments. */
export async function readMembersTab(db: DatabaseOrTransaction, page: ReadablePage, query: { search: string; page: number }) {
  const { viewer, access } = page;
  const [members, rules, hasAssignments] = await Promise.all([
    listMembers(db, viewer, access, query),
    can(viewer, "assignment.assign") ? listGroupRules(db, viewer, access) : null,
    managesMembers(page) ? groupHasOpenAssignments(db, viewer, access.groupId) : false,
  ]);
  return { members, rules, hasAssignments };
}
