"use client";

import { useTranslations } from "next-intl";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import type { MemberRow as Member } from "@/lib/membership/queries/members";
import { MemberProgressCells } from "./member-progress-cells";

/** One member: name, department, and how they came in ("Added by Dana Admin on Feb 3, 2026 via department Sales"). */
export function MemberRow({
  member,
  selectable,
  selected,
  onToggle,
  canOpenCertificate,
}: {
  member: Member;
  selectable: boolean;
  selected: boolean;
  onToggle: (userId: string, selected: boolean) => void;
  canOpenCertificate: boolean;
}) {
  const t = useTranslations("members");
  const how = t("added", {
    source: member.source,
    actor: member.addedByName ?? t("someone"),
    date: member.addedAt,
    label: member.sourceLabel ?? "",
  });
  return (
    <Row className={selected ? "bg-brand-50" : undefined}>
      {selectable && (
        <Cell className="w-10">
          <input
            type="checkbox"
            checked={selected}
            onChange={(event) => onToggle(member.userId, event.target.checked)}
            aria-label={t("select", { name: member.name })}
            className="h-4 w-4 accent-brand-600"
          />
        </Cell>
      )}
      <RowHeader>{member.name}</RowHeader>
      <Cell className="text-slate-700">{member.departmentName ?? "—"}</Cell>
      {member.progress && <MemberProgressCells name={member.name} progress={member.progress} canOpenCertificate={canOpenCertificate} />}
      {/* Wraps rather than widening the table: every column fits a 1366 px screen without scrolling sideways. */}
      <Cell wrap className="min-w-48 text-slate-700 max-sm:min-w-0">
        {how}
      </Cell>
    </Row>
  );
}
