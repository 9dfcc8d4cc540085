import { getTranslations } from "next-intl/server";

/** What a page shows while its data loads: its shape in grey, and a word for screen readers. */
export async function PageSkeleton({ rows = 6 }: { rows?: number }) {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-busy="true" className="animate-pulse space-y-6">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="h-10 w-full max-w-md rounded bg-slate-200" />
      <div className="space-y-px overflow-hidden rounded-lg border border-slate-200 bg-slate-100">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="h-12 bg-white" />
        ))}
      </div>
    </div>
  );
}
