import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { TableScroller } from "@/components/ui/table-scroller";
import type { GroupListRow } from "@/lib/groups/queries";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top whitespace-nowrap";

export async function GroupsTable({ rows, caption }: { rows: readonly GroupListRow[]; caption: string }) {
  const [t, format] = await Promise.all([getTranslations("groups"), getFormatter()]);
  return (
    <TableScroller label={caption}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("table.name")}</th>
            <th scope="col" className={th}>{t("table.course")}</th>
            <th scope="col" className={th}>{t("table.members")}</th>
            <th scope="col" className={th}>{t("table.visibility")}</th>
            <th scope="col" className={th}>{t("table.owner")}</th>
            <th scope="col" className={th}>{t("table.created")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((group) => (
            <tr key={group.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                <Link href={`/groups/${group.id}`} className="text-brand-700 hover:underline">
                  {group.name}
                </Link>
              </th>
              <td className={td}>{group.courseTitle ?? <span className="text-slate-600">{t("noCourse")}</span>}</td>
              <td className={`${td} tabular-nums`}>
                {group.maxMembers === null
                  ? t("memberCount", { members: group.memberCount })
                  : t("memberCountOfMax", { members: group.memberCount, max: group.maxMembers })}
              </td>
              <td className={td}>
                <Badge tone={group.visibility === "public" ? "brand" : "neutral"}>{t(`visibility.${group.visibility}`)}</Badge>
              </td>
              <td className={td}>{group.ownerName}</td>
              <td className={td}>
                <time dateTime={group.createdAt.toISOString()}>{format.dateTime(group.createdAt, { dateStyle: "medium" })}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
