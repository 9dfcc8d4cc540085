import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The home page's pointer to "My assignments": what is open, and what is overdue standing out. */
export async function MyAssignmentsCard({ open, overdue }: { open: number; overdue: number }) {
  const t = await getTranslations("assignments.home");
  return (
    <section
      aria-labelledby="my-assignments"
      className={`rounded-lg border bg-white p-4 shadow-sm ${overdue > 0 ? "border-red-300 border-l-4 border-l-red-600" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-assignments" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <Link href="/assignments" className="text-sm font-medium text-brand-700 hover:underline">
          {t("link")}
        </Link>
      </div>
      <p className="mt-2 text-sm text-slate-700">
        {open === 0 ? t("allDone") : t("summary", { open })}
        {overdue > 0 && (
          <span className="ml-2 font-semibold text-red-800">
            <span aria-hidden="true">⚠ </span>
            {t("overdue", { count: overdue })}
          </span>
        )}
      </p>
    </section>
  );
}
