import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { actionsColumn, Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { DepartmentRow } from "@/lib/departments/queries";
import { DepartmentActions } from "./department-actions";

export async function DepartmentsTable({ rows }: { rows: readonly DepartmentRow[] }) {
  const t = await getTranslations("departments");
  const columns = [
    ...(["name", "people", "head"] as const).map((column) => ({ label: t(`columns.${column}`) })),
    actionsColumn(t("columns.actions")),
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
