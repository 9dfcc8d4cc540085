import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { TableScroller } from "@/components/ui/table-scroller";
import type { ApiKeyRow } from "@/lib/hr/api-keys";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-middle whitespace-nowrap";

export async function ApiKeysTable({ rows }: { rows: readonly ApiKeyRow[] }) {
  const [t, format] = await Promise.all([getTranslations("apiKeys"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <TableScroller label={t("tableLabel")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("tableLabel")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("columns.name")}</th>
            <th scope="col" className={th}>{t("columns.prefix")}</th>
            <th scope="col" className={th}>{t("columns.scope")}</th>
            <th scope="col" className={th}>{t("columns.createdBy")}</th>
            <th scope="col" className={th}>{t("columns.createdAt")}</th>
            <th scope="col" className={th}>{t("columns.lastUsed")}</th>
            <th scope="col" className={th}>{t("columns.status")}</th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">{t("columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((key) => (
            <tr key={key.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                {key.name}
              </th>
              <td className={`${td} font-mono`}>{key.prefix}…</td>
              <td className={td}>{t(`scopes.${key.scope}`)}</td>
              <td className={td}>{key.createdByName ?? <span className="text-slate-600">{t("unknownCreator")}</span>}</td>
              <td className={td}>{when(key.createdAt)}</td>
              <td className={td}>{key.lastUsedAt ? when(key.lastUsedAt) : <span className="text-slate-600">{t("never")}</span>}</td>
              <td className={td}>
                {key.revokedAt ? <Badge tone="neutral">{t("revokedOn", { date: key.revokedAt })}</Badge> : <Badge tone="success">{t("active")}</Badge>}
              </td>
              <td className={`${td} text-right`}>{!key.revokedAt && <RevokeApiKeyButton keyId={key.id} name={key.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
