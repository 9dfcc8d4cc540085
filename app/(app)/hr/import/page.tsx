import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/hr/import-panel";
import { PageHeader } from "@/components/ui/page-header";
import { TableScroller } from "@/components/ui/table-scroller";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listImportJobs } from "@/lib/hr/import/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.import"))("title") };
}

/** HR's CSV import of people and memberships: upload, the check of every row, progress, Confirm, and recent imports. */
export default async function HrImportPage() {
  const viewer = await requireViewer();
  const [jobs, t, format] = await Promise.all([listImportJobs(getDb(), viewer), getTranslations("hr.import"), getFormatter()]);
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
          <TableScroller label={t("historyTitle")}>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("historyFile")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("historyWhen")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("historyStatus")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("historyRows")}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id} className="border-b border-slate-100">
                    <td className="py-2 pr-4">{job.fileName}</td>
                    <td className="py-2 pr-4">{format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                    <td className="py-2 pr-4">{t(`status.${job.status}`)}</td>
                    <td className="py-2 pr-4">{format.number(job.totalRows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
    </div>
  );
}
