"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { DialogButton } from "@/components/ui/dialog-button";
import type { MemberRow as Member } from "@/lib/membership/queries/members";
import { MemberRow } from "./member-row";
import { MoveMembersDialog } from "./move-members-dialog";
import { RemoveMembersDialog } from "./remove-members-dialog";

/**
 * The Members tab's table. For those who manage members, rows can be selected (on this page) and
 * then removed or moved to another group (what happened is said by a toast).
 */
export function MembersTable({
  groupId,
  groupName,
  hasAssignments,
  members,
  selectable,
  emptyMessage,
  courseTitle,
  viewerId,
  canOpenAnyCertificate,
}: {
  groupId: string;
  groupName: string;
  /** The group has an assignment rule or open assignments (the remove dialog's choice shows then). */
  hasAssignments: boolean;
  members: readonly Member[];
  selectable: boolean;
  /** The linked course, whose progress columns show; null for a group without one. */
  courseTitle: string | null;
  viewerId: string;
  canOpenAnyCertificate: boolean;
  /** Shown instead of the table when this page has nobody. */
  emptyMessage: ReactNode;
}) {
  const t = useTranslations("members");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const allRef = useRef<HTMLInputElement>(null);
  const chosen = members.filter((member) => selected.has(member.userId));
  const all = chosen.length > 0 && chosen.length === members.length;

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = chosen.length > 0 && !all;
  });

  const toggle = (userId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  const done = () => setSelected(new Set());

  const people = chosen.map((member) => ({ userId: member.userId, name: member.name }));
  const columns = [
    { label: t("columns.name") },
    { label: t("columns.department") },
    ...(courseTitle === null
      ? []
      : [{ label: t("columns.progress", { course: courseTitle }) }, { label: t("columns.streak") }, { label: t("columns.achievements") }]),
    { label: t("columns.added") },
  ];

  return (
    <div className="space-y-3">
      {members.length === 0 && emptyMessage}
      {members.length > 0 && selectable && (
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-auto text-sm text-slate-700" aria-live="polite">
            {chosen.length > 0 ? t("selected", { count: chosen.length }) : t("selectHint")}
          </p>
          <DialogButton label={t("remove.button")} disabled={chosen.length === 0}>
            {(close) => (
              <RemoveMembersDialog
                groupId={groupId}
                groupName={groupName}
                hasAssignments={hasAssignments}
                people={people}
                onDone={done}
                onClose={close}
              />
            )}
          </DialogButton>
          <DialogButton label={t("move.button")} disabled={chosen.length === 0}>
            {(close) => (
              <MoveMembersDialog
                groupId={groupId}
                groupName={groupName}
                hasAssignments={hasAssignments}
                people={people}
                onDone={done}
                onClose={close}
              />
            )}
          </DialogButton>
        </div>
      )}
      {members.length > 0 && (
        <DataTable
          label={t("tableLabel")}
          columns={columns}
          leadingHeader={
            selectable && (
              <td className="w-10 px-4 py-3">
                <input
                  ref={allRef}
                  type="checkbox"
                  checked={all}
                  onChange={(event) => setSelected(new Set(event.target.checked ? members.map((m) => m.userId) : []))}
                  aria-label={t("selectAll")}
                  className="h-4 w-4 accent-brand-600"
                />
              </td>
            )
          }
        >
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              selectable={selectable}
              selected={selected.has(member.userId)}
              onToggle={toggle}
              canOpenCertificate={canOpenAnyCertificate || member.userId === viewerId}
            />
          ))}
        </DataTable>
      )}
    </div>
  );
}
