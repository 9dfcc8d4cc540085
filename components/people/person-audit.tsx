import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import type { Role } from "@/db/schema";
import type { Page } from "@/lib/pagination";
import type { AuditEntryRow } from "@/lib/people/queries/person";
import type { PersonChanges } from "@/lib/people/operations/update-person";
import { PersonSection } from "./person-section";

/** The audit trail of changes to a person, newest first, each change in words. */
export async function PersonAudit({ audit, pageHref }: { audit: Page<AuditEntryRow>; pageHref: (page: number) => string }) {
  const [t, tr, format] = await Promise.all([getTranslations("people.person.audit"), getTranslations("people.role"), getFormatter()]);
  const roles = (value: Role[]) => (value.length ? value.map((role) => tr(role)).join(", ") : t("none"));
  const text = (value: string | null) => value ?? t("none");

  const describe = (row: AuditEntryRow): string[] => {
    if (row.action === "person.deactivated") return [t("groupsLeft", { count: Number(row.details.groupsLeft ?? 0) })];
    const changes = (row.details.changes ?? {}) as PersonChanges;
    return [
      changes.department && t("department", { from: text(changes.department.from), to: text(changes.department.to) }),
      changes.manager && t("manager", { from: text(changes.manager.from), to: text(changes.manager.to) }),
      changes.roles && t("roles", { from: roles(changes.roles.from), to: roles(changes.roles.to) }),
    ].filter((line): line is string => Boolean(line));
  };

  return (
    <PersonSection
      id="person-audit"
      title={t("title")}
      intro={t("intro")}
      label={t("tableLabel")}
      columns={[t("when"), t("change"), t("by")]}
      isEmpty={audit.rows.length === 0}
      emptyText={t("empty")}
      footer={<Pagination page={audit.page} pageSize={audit.pageSize} total={audit.total} href={pageHref} />}
    >
      {audit.rows.map((row) => (
        <Row key={row.id}>
          <Cell className="text-slate-700 tabular-nums">
            <time dateTime={row.createdAt.toISOString()}>{format.dateTime(row.createdAt, "moment")}</time>
          </Cell>
          <RowHeader plain>
            <span className="font-medium text-slate-900">{t("action", { action: row.action.replace(".", "_") })}</span>
            {describe(row).map((line) => (
              <span key={line} className="block text-slate-700">
                {line}
              </span>
            ))}
          </RowHeader>
          <Cell className="text-slate-700">{row.actorName ?? t("someone")}</Cell>
        </Row>
      ))}
    </PersonSection>
  );
}
