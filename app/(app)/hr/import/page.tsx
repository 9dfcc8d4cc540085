import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/hr/import/import-panel";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listImportJobs } from "@/lib/hr/import/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.import"))("title") };
}

/** HR's CSV import of people and memberships: upload, the check of every row, progress, Confirm, and recent imports. */
export default async function HrImportPage() {
  const viewer = await requireViewer();
  const [jobs, t, format] = await Promise.all([listImportJobs(companyDb(viewer), viewer), getTranslations("hr.import"), getFormatter()]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        action={
          <a href="/hr/import/template" download className="text-sm font-medium text-brand-700 underline">
            {t("template")}
          </a>
        }
      />
      <p className="max-w-3xl text-sm text-slate-600">{t("format")}</p>
      <ImportPanel />
      <section aria-labelledby="import-history" className="space-y-3">
        <h2 id="import-history" className="text-lg font-semibold">
          {t("historyTitle")}
        </h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600">{t("historyEmpty")}</p>
        ) : (
          <DataTable
            label={t("historyTitle")}
            columns={[{ label: t("historyFile") }, { label: t("historyWhen") }, { label: t("historyStatus") }, { label: t("historyRows") }]}
          >
            {jobs.map((job) => (
              <Row key={job.id}>
                <RowHeader>{job.fileName}</RowHeader>
                <Cell>{format.dateTime(job.createdAt, "moment")}</Cell>
                <Cell>{job.stalled ? t("status.stalled") : t(`status.${job.status}`)}</Cell>
                <Cell className="tabular-nums">{format.number(job.totalRows)}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
