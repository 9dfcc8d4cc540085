import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { PersonRow } from "@/lib/people/queries/directory";
import { RoleBadges, StatusBadge } from "./person-badges";

export async function PeopleTable({ rows }: { rows: readonly PersonRow[] }) {
  const t = await getTranslations("people");
  // On a phone the status badge stays beside the name; the rest goes below, labelled.
  const columns = (["name", "email", "department", "roles", "status"] as const).map((column) => ({
    label: t(`table.${column}`),
    important: column === "status",
  }));
  return (
    <DataTable label={t("table.caption")} columns={columns} cellAlign="top">
      {rows.map((person) => (
        <Row key={person.id}>
          <RowHeader>
            <Link href={`/admin/people/${person.id}`} className="text-brand-700 hover:underline">
              {person.name}
            </Link>
          </RowHeader>
          <Cell className="text-slate-700">{person.email}</Cell>
          <Cell>{person.departmentName ?? <span className="text-slate-600">{t("noDepartment")}</span>}</Cell>
          <Cell>
            <RoleBadges roles={person.roles} />
          </Cell>
          <Cell>
            <StatusBadge status={person.status} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
