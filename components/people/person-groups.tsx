import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { TableScroller } from "@/components/ui/table-scroller";
import type { PersonGroup } from "@/lib/people/person";
import { EmptyNote, SectionHeading, td, th } from "./person-section";

export async function PersonGroups({ groups }: { groups: readonly PersonGroup[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.groups"), getFormatter()]);
  return (
    <section aria-labelledby="person-groups" className="space-y-3">
      <SectionHeading id="person-groups" title={t("title")} intro={t("intro")} />
      {groups.length === 0 ? (
        <EmptyNote>{t("empty")}</EmptyNote>
      ) : (
        <TableScroller label={t("tableLabel")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("tableLabel")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("name")}</th>
                <th scope="col" className={th}>{t("state")}</th>
                <th scope="col" className={th}>{t("since")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {groups.map((group) => (
                <tr key={group.id}>
                  <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                    <Link href={`/groups/${group.id}`} className="text-brand-700 hover:underline">
                      {group.name}
                    </Link>
                  </th>
                  <td className={td}>
                    <Badge tone={group.archived ? "warning" : "success"}>{group.archived ? t("archived") : t("active")}</Badge>
                  </td>
                  <td className={`${td} tabular-nums`}>
                    <time dateTime={group.addedAt.toISOString()}>{format.dateTime(group.addedAt, { dateStyle: "medium" })}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
