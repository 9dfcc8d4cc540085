"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ImportIssue } from "@/lib/learning/import/format";

/** Every problem of a refused file, each with the entry it points at, as the author can look it up. */
export function ImportIssues({ issues, total }: { issues: readonly ImportIssue[]; total: number }) {
  const t = useTranslations("coursesAdmin");
  const title = t("import.invalidTitle", { total });
  return (
    <div role="alert" aria-label={title} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">{title}</p>
      <ul className="mt-2 max-h-64 list-disc space-y-1 overflow-y-auto pl-5">
        {issues.map(({ path, code, values, value }, index) => {
          const message = t(`issues.${code}`, values);
          const parts = { path, message, code: (chunks: ReactNode) => <code className="font-mono text-xs font-semibold">{chunks}</code> };
          return (
            <li key={index}>
              {path
                ? value === undefined
                  ? t.rich("import.issueAt", parts)
                  : t.rich("import.issueAtValue", { ...parts, value })
                : message}
            </li>
          );
        })}
      </ul>
      {total > issues.length && <p className="mt-2">{t("import.moreIssues", { count: total - issues.length })}</p>}
    </div>
  );
}
