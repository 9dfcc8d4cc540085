import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import type { MemberRow } from "@/lib/membership/queries/members";
import type { Page } from "@/lib/pagination";
import { AddMembersButton } from "./add-members-button";
import { MembersTable } from "./members-table";

/** Why the viewer sees no management buttons, when they are an admin who might expect them. */
export type MembersNote = "archived" | "ownerOnly" | null;

export async function MembersTab({
  groupId,
  groupName,
  hasAssignments,
  ownerName,
  members,
  query,
  canManage,
  note,
  pageHref,
  courseTitle,
  viewerId,
  canOpenAnyCertificate,
  children,
}: {
  groupId: string;
  groupName: string;
  hasAssignments: boolean;
  ownerName: string;
  members: Page<MemberRow>;
  query: string;
  canManage: boolean;
  note: MembersNote;
  pageHref: (page: number) => string;
  /** The linked course: members then see each other's progress in it. */
  courseTitle: string | null;
  viewerId: string;
  canOpenAnyCertificate: boolean;
  /** Below the members: the group's assignment rules, for admins. */
  children?: ReactNode;
}) {
  const t = await getTranslations("members");
  const empty = "rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700";
  return (
    <section aria-labelledby="members-title" className="space-y-4">
      <h2 id="members-title" className="sr-only">
        {t("title")}
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchForm label={t("searchLabel")} query={query} />
        {canManage && <AddMembersButton groupId={groupId} groupName={groupName} />}
      </div>
      {note && <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t(`note.${note}`, { owner: ownerName })}</p>}
      <MembersTable
        key={`${query}/${members.page}`}
        groupId={groupId}
        groupName={groupName}
        hasAssignments={hasAssignments}
        members={members.rows}
        selectable={canManage}
        courseTitle={courseTitle}
        viewerId={viewerId}
        canOpenAnyCertificate={canOpenAnyCertificate}
        emptyMessage={
          query ? (
            <p className={empty}>{t("noMatches", { query })}</p>
          ) : members.total > 0 ? (
            <p className={empty}>{t("pageEmpty")}</p>
          ) : canManage ? (
            <div className={empty}>
              <p className="font-medium text-slate-900">{t("empty.title")}</p>
              <p className="mt-1 text-sm">{t("empty.manage")}</p>
            </div>
          ) : (
            <p className={empty}>{t("empty.read")}</p>
          )
        }
      />
      <Pagination page={members.page} pageSize={members.pageSize} total={members.total} href={pageHref} />
      {children}
    </section>
  );
}
