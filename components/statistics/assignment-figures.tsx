import { getFormatter, getTranslations } from "next-intl/server";
import type { AssignmentFigures } from "@/lib/assignments/overview";

/**
 * The Statistics tab's "Mandatory assignments": the assignments that came through the group, as
 * assigned, done, open (overdue included) and overdue, and whether a rule assigns its joiners.
 */
export async function AssignmentFiguresSection({ figures }: { figures: AssignmentFigures & { rules: number } }) {
  const [t, format] = await Promise.all([getTranslations("statistics.assignments"), getFormatter()]);
  const items = [
    { key: "assigned", value: figures.assigned },
    { key: "done", value: figures.done },
    { key: "open", value: figures.open },
    { key: "overdue", value: figures.overdue },
  ] as const;
  return (
    <section aria-labelledby="statistics-assignments" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 id="statistics-assignments" className="text-base font-semibold text-slate-900">
          {t("title")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {figures.assigned === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {items.map((item) => {
            const alarming = item.key === "overdue" && item.value > 0;
            return (
              <div
                key={item.key}
                className={`rounded-md px-3 py-2 ${alarming ? "bg-red-50 text-red-900 ring-1 ring-red-200" : "bg-slate-50"}`}
              >
                <dt className="text-xs font-medium tracking-wide uppercase">
                  {alarming && <span aria-hidden="true">⚠ </span>}
                  {t(item.key)}
                </dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums">{format.number(item.value)}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {figures.rules > 0 && <p className="text-sm text-slate-700">{t("rules", { count: figures.rules })}</p>}
    </section>
  );
}
