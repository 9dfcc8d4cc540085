import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { DepartmentRow } from "@/lib/departments/queries";
import { DepartmentActions } from "./department-actions";

export async function DepartmentsTable({ rows }: { rows: readonly DepartmentRow[] }) {
  const t = await getTranslations("departments");
  const columns = [
    { label: t("columns.name") },
    { label: t("columns.people") },
    { label: t("columns.head") },
    { label: t("columns.actions"), hidden: true, align: "right" as const },
  ];
  return (
    <DataTable label={t("tableLabel")} columns={columns}>
      {rows.map((department) => (
        <Row key={department.id}>
          <RowHeader>{department.name}</RowHeader>
          <Cell className="tabular-nums">{t("people", { count: department.peopleCount })}</Cell>
          <Cell>
            {department.head ? (
              <span className="inline-flex items-center gap-2">
                {department.head.name}
                {department.head.deactivated && <Badge tone="warning">{t("headDeactivated")}</Badge>}
              </span>
            ) : (
              <span className="text-slate-600">{t("noHead")}</span>
            )}
          </Cell>
          <Cell className="text-right">
            <DepartmentActions department={department} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
