import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { calendarDay } from "@/lib/i18n/formats";
import { AssignmentStatusBadge } from "@/components/assignments/status-badge";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import type { AssignmentRow } from "@/lib/assignments/queries";
import type { Page } from "@/lib/pagination";
import { PersonSection } from "./person-section";

/**
 * The person page's "Assignments": every course assigned to them, waived ones included. `action`
 * is the slot for "Assign a course"; `footer` the pager.
 */
export async function PersonAssignments({
  assignments,
  action,
  footer,
}: {
  assignments: Page<AssignmentRow>;
  action?: ReactNode;
  footer?: ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("people.assignments"), getFormatter()]);
  const date = (value: Date) => <time dateTime={value.toISOString()}>{format.dateTime(value, "date")}</time>;
  return (
    <PersonSection
      id="person-assignments"
      title={t("title")}
      label={t("caption")}
      columns={[t("course"), t("status"), t("due"), t("progress"), t("group"), t("assigned"), t("completed")]}
      isEmpty={assignments.total === 0}
      emptyText={t("empty")}
      action={action}
      footer={footer}
    >
      {assignments.rows.map((row) => (
        <Row key={row.id} className={row.status === "overdue" ? "bg-red-50/40" : undefined}>
          <RowHeader>{row.courseTitle}</RowHeader>
          <Cell>
            <AssignmentStatusBadge status={row.status} />
          </Cell>
          <Cell>{format.dateTime(calendarDay(row.dueOn), "day")}</Cell>
          <Cell className="tabular-nums">{format.number(row.percent, "percent")}</Cell>
          <Cell wrap>
            {row.group === null ? (
              t("none")
            ) : row.group.linked ? (
              <Link href={`/groups/${row.group.id}`} className="text-brand-700 hover:underline">
                {row.group.name}
              </Link>
            ) : (
              row.group.name
            )}
          </Cell>
          <Cell>{date(row.assignedAt)}</Cell>
          <Cell>{row.completedAt ? date(row.completedAt) : t("none")}</Cell>
        </Row>
      ))}
    </PersonSection>
  );
}
