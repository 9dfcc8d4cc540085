import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TableScroller } from "@/components/ui/table-scroller";
import type { PersonRow } from "@/lib/people/directory";
import { RoleBadges, StatusBadge } from "./person-badges";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top whitespace-nowrap";

export async function PeopleTable({ rows }: { rows: readonly PersonRow[] }) {
  const t = await getTranslations("people");
  return (
    <TableScroller label={t("table.caption")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("table.name")}</th>
            <th scope="col" className={th}>{t("table.email")}</th>
            <th scope="col" className={th}>{t("table.department")}</th>
            <th scope="col" className={th}>{t("table.roles")}</th>
            <th scope="col" className={th}>{t("table.status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((person) => (
            <tr key={person.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                <Link href={`/admin/people/${person.id}`} className="text-brand-700 hover:underline">
                  {person.name}
                </Link>
              </th>
              <td className={`${td} text-slate-700`}>{person.email}</td>
              <td className={td}>{person.departmentName ?? <span className="text-slate-600">{t("noDepartment")}</span>}</td>
              <td className={td}>
                <RoleBadges roles={person.roles} />
              </td>
              <td className={td}>
                <StatusBadge status={person.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
