import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import type { PersonGroup } from "@/lib/people/queries/person";
import { PersonSection } from "./person-section";

export async function PersonGroups({ groups }: { groups: readonly PersonGroup[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.groups"), getFormatter()]);
  return (
    <PersonSection
      id="person-groups"
      title={t("title")}
      intro={t("intro")}
      label={t("tableLabel")}
      columns={[t("name"), t("state"), t("since")]}
      isEmpty={groups.length === 0}
      emptyText={t("empty")}
    >
      {groups.map((group) => (
        <Row key={group.id}>
          <RowHeader>
            <Link href={`/groups/${group.id}`} className="text-brand-700 hover:underline">
              {group.name}
            </Link>
          </RowHeader>
          <Cell>
            <Badge tone={group.archived ? "warning" : "success"}>{group.archived ? t("archived") : t("active")}</Badge>
          </Cell>
          <Cell className="tabular-nums">
            <time dateTime={group.addedAt.toISOString()}>{format.dateTime(group.addedAt, "date")}</time>
          </Cell>
        </Row>
      ))}
    </PersonSection>
  );
}
