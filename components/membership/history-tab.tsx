import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { TableScroller } from "@/components/ui/table-scroller";
import type { HistoryRow } from "@/lib/membership/queries";
import type { Page } from "@/lib/pagination";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 whitespace-nowrap";

/** The History tab (admins): the membership ledger, newest first. */
export async function HistoryTab({ history, pageHref }: { history: Page<HistoryRow>; pageHref: (page: number) => string }) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {history.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <TableScroller label={t("tableLabel")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("tableLabel")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("columns.when")}</th>
                <th scope="col" className={th}>{t("columns.person")}</th>
                <th scope="col" className={th}>{t("columns.change")}</th>
                <th scope="col" className={th}>{t("columns.by")}</th>
                <th scope="col" className={th}>{t("columns.how")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.rows.map((row) => (
                <tr key={row.id}>
                  <td className={`${td} text-slate-700 tabular-nums`}>
                    <time dateTime={row.at.toISOString()}>{format.dateTime(row.at, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </td>
                  <th scope="row" className={`${td} text-left font-medium text-slate-900`}>
                    {row.personName}
                  </th>
                  <td className={td}>
                    <Badge tone={row.kind === "added" ? "success" : "danger"}>{t(`kind.${row.kind}`)}</Badge>
                  </td>
                  <td className={`${td} text-slate-700`}>{row.actorName ?? "—"}</td>
                  <td className={`${td} text-slate-700`}>
                    {row.kind === "added"
                      ? t("howAdded", { source: row.source, label: row.sourceLabel ?? "" })
                      : t("howRemoved", { source: row.source, label: row.sourceLabel ?? "" })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      <Pagination page={history.page} pageSize={history.pageSize} total={history.total} href={pageHref} />
    </section>
  );
}
