import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import type { HistoryRow } from "@/lib/membership/queries/history";
import type { Page } from "@/lib/pagination";

/** The History tab (admins): the membership ledger, newest first. */
export async function HistoryTab({ history, pageHref }: { history: Page<HistoryRow>; pageHref: (page: number) => string }) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {history.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <DataTable
          label={t("tableLabel")}
          columns={(["when", "person", "change", "by", "how"] as const).map((column) => ({ label: t(`columns.${column}`) }))}
        >
          {history.rows.map((row) => (
            <Row key={row.id}>
              <Cell className="text-slate-700 tabular-nums">
                <time dateTime={row.at.toISOString()}>{format.dateTime(row.at, "moment")}</time>
              </Cell>
              <RowHeader nowrap>{row.personName}</RowHeader>
              <Cell>
                <Badge tone={row.kind === "added" ? "success" : "danger"}>{t(`kind.${row.kind}`)}</Badge>
              </Cell>
              <Cell className="text-slate-700">{row.actorName ?? "—"}</Cell>
              <Cell className="text-slate-700">
                {row.kind === "added"
                  ? t("howAdded", { source: row.source, label: row.sourceLabel ?? "" })
                  : t("howRemoved", { source: row.source, label: row.sourceLabel ?? "" })}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pagination page={history.page} pageSize={history.pageSize} total={history.total} href={pageHref} />
    </section>
  );
}
