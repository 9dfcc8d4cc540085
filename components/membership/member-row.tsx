"use client";

import { useTranslations } from "next-intl";
import type { MemberRow as Member } from "@/lib/membership/queries";
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
    <tr className={selected ? "bg-brand-50" : "hover:bg-slate-50"}>
      {selectable && (
        <td className="w-10 px-4 py-3">
          <input
            type="checkbox"
            checked={selected}
            onChange={(event) => onToggle(member.userId, event.target.checked)}
            aria-label={t("select", { name: member.name })}
            className="h-4 w-4 accent-brand-600"
          />
        </td>
      )}
      <th scope="row" className="px-4 py-3 text-left font-medium whitespace-nowrap text-slate-900">
        {member.name}
      </th>
      <td className="px-4 py-3 whitespace-nowrap text-slate-700">{member.departmentName ?? "—"}</td>
      {member.progress && <MemberProgressCells name={member.name} progress={member.progress} canOpenCertificate={canOpenCertificate} />}
      <td className="min-w-72 px-4 py-3 text-slate-700">{how}</td>
    </tr>
  );
}
