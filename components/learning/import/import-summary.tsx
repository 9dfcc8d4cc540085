"use client";

import { useTranslations } from "next-intl";
import type { ImportSummary } from "@/lib/learning/import/operations/import-valid-course";

/** What an import did: the course, its lessons, and whose progress was computed again. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const t = useTranslations("coursesAdmin.import");
  return (
    <div className="space-y-2 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
      <p className="font-medium">{t("doneTitle", { outcome: summary.outcome, title: summary.title })}</p>
      <p>{t("lessonsSummary", { added: summary.lessonsAdded, updated: summary.lessonsUpdated, retired: summary.lessonsRetired })}</p>
      <p>{t("learnersRecomputed", { count: summary.learnersRecomputed })}</p>
    </div>
  );
}
