import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { actionsColumn, Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { ApiKeyRow } from "@/lib/hr/api-keys/queries";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

export async function ApiKeysTable({ rows }: { rows: readonly ApiKeyRow[] }) {
  const [t, format] = await Promise.all([getTranslations("apiKeys"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, "moment");
  const columns = [
    ...(["name", "prefix", "scope", "createdBy", "createdAt", "lastUsed", "status"] as const).map((column) => ({
      label: t(`columns.${column}`),
    })),
    actionsColumn(t("columns.actions")),
  ];
  return (
    <DataTable label={t("tableLabel")} columns={columns}>
      {rows.map((key) => (
        <Row key={key.id}>
          <RowHeader>{key.name}</RowHeader>
          <Cell className="font-mono">{key.prefix}…</Cell>
          <Cell>{t(`scopes.${key.scope}`)}</Cell>
          <Cell>{key.createdByName ?? <span className="text-slate-600">{t("unknownCreator")}</span>}</Cell>
          <Cell>{when(key.createdAt)}</Cell>
          <Cell>{key.lastUsedAt ? when(key.lastUsedAt) : <span className="text-slate-600">{t("never")}</span>}</Cell>
          <Cell>
            {key.revokedAt ? (
              <Badge tone="neutral">{t("revokedOn", { date: key.revokedAt })}</Badge>
            ) : (
              <Badge tone="success">{t("active")}</Badge>
            )}
          </Cell>
          <Cell className="text-right">{!key.revokedAt && <RevokeApiKeyButton keyId={key.id} name={key.name} />}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
