import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { DrillDownRow } from "@/lib/assignments/overview";
import { calendarDay } from "@/lib/i18n/formats";
import { AssignmentStatusBadge } from "./status-badge";

/** The people behind one row of the overview: who, which course, through which group, and how far. */
export async function AssignedPeopleTable({ rows }: { rows: readonly DrillDownRow[] }) {
  const [t, format] = await Promise.all([getTranslations("assignmentAdmin.people"), getFormatter()]);
  const day = (date: Date) => format.dateTime(date, "date");
  // On a phone the status badge stays beside the name; the rest goes below, labelled.
  const columns = (["person", "course", "group", "status", "due", "progress", "assigned", "completed"] as const).map((key) => ({
    label: t(key),
    important: key === "status",
  }));
  return (
    <DataTable label={t("caption")} columns={columns} cellAlign="top">
      {rows.map((row) => (
        <Row key={row.id} className={row.status === "overdue" ? "bg-red-50/40" : undefined}>
          <RowHeader nowrap>
            <Link href={`/admin/people/${row.userId}`} className="text-brand-700 hover:underline">
              {row.name}
            </Link>
            <span className="block text-xs font-normal text-slate-600">{row.email}</span>
          </RowHeader>
          <Cell wrap>{row.courseTitle}</Cell>
          <Cell wrap>{row.groupName ?? t("none")}</Cell>
          <Cell>
            <AssignmentStatusBadge status={row.status} />
          </Cell>
          <Cell>{format.dateTime(calendarDay(row.dueOn), "day")}</Cell>
          <Cell className="tabular-nums">{format.number(row.percent, "percent")}</Cell>
          <Cell>{day(row.assignedAt)}</Cell>
          <Cell>{row.completedAt ? day(row.completedAt) : t("none")}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
