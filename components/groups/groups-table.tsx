import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { GroupListRow } from "@/lib/groups/queries";

export async function GroupsTable({ rows, caption }: { rows: readonly GroupListRow[]; caption: string }) {
  const [t, format] = await Promise.all([getTranslations("groups"), getFormatter()]);
  const columns = (["name", "course", "members", "visibility", "owner", "created"] as const).map((column) => ({
    label: t(`table.${column}`),
  }));
  return (
    <DataTable label={caption} columns={columns} cellAlign="top">
      {rows.map((group) => (
        <Row key={group.id}>
          <RowHeader>
            <Link href={`/groups/${group.id}`} className="text-brand-700 hover:underline">
              {group.name}
            </Link>
          </RowHeader>
          <Cell>{group.courseTitle ?? <span className="text-slate-600">{t("noCourse")}</span>}</Cell>
          <Cell className="tabular-nums">
            {group.maxMembers === null
              ? t("memberCount", { members: group.memberCount })
              : t("memberCountOfMax", { members: group.memberCount, max: group.maxMembers })}
          </Cell>
          <Cell>
            <Badge tone={group.visibility === "public" ? "brand" : "neutral"}>{t(`visibility.${group.visibility}`)}</Badge>
          </Cell>
          <Cell>{group.ownerName}</Cell>
          <Cell>
            <time dateTime={group.createdAt.toISOString()}>{format.dateTime(group.createdAt, "date")}</time>
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
