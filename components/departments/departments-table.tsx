import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { TableScroller } from "@/components/ui/table-scroller";
import type { DepartmentRow } from "@/lib/departments/queries";
import { DepartmentActions } from "./department-actions";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-middle whitespace-nowrap";

export async function DepartmentsTable({ rows }: { rows: readonly DepartmentRow[] }) {
  const t = await getTranslations("departments");
  return (
    <TableScroller label={t("tableLabel")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("tableLabel")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("columns.name")}</th>
            <th scope="col" className={th}>{t("columns.people")}</th>
            <th scope="col" className={th}>{t("columns.head")}</th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">{t("columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((department) => (
            <tr key={department.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                {department.name}
              </th>
              <td className={`${td} tabular-nums`}>{t("people", { count: department.peopleCount })}</td>
              <td className={td}>
                {department.head ? (
                  <span className="inline-flex items-center gap-2">
                    {department.head.name}
                    {department.head.deactivated && <Badge tone="warning">{t("headDeactivated")}</Badge>}
                  </span>
                ) : (
                  <span className="text-slate-600">{t("noHead")}</span>
                )}
              </td>
              <td className={`${td} text-right`}>
                <DepartmentActions department={department} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
