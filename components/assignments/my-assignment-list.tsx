import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { AssignmentRow } from "@/lib/assignments/queries";
import { DueDate } from "./due-date";
import { AssignmentStatusBadge } from "./status-badge";

/**
 * The learner's assignments as cards; an overdue one has a red edge, its badge's icon and words. The
 * course's card a notification led to is ringed and announced as the current one.
 */
export async function MyAssignmentList({ rows, highlighted = null }: { rows: readonly AssignmentRow[]; highlighted?: string | null }) {
  const t = await getTranslations("assignments");
  return (
    <ul aria-label={t("listLabel")} className="space-y-3">
      {rows.map((row) => (
        <li
          key={row.id}
          aria-current={row.courseId === highlighted ? "true" : undefined}
          className={`rounded-lg border bg-white p-4 shadow-sm ${row.status === "overdue" ? "border-red-300 border-l-4 border-l-red-600" : "border-slate-200"} ${row.courseId === highlighted ? "ring-2 ring-brand-500 ring-offset-2" : ""}`}
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h2 className="font-semibold">
              <Link href={`/courses/${row.courseId}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                {row.courseTitle}
              </Link>
            </h2>
            <AssignmentStatusBadge status={row.status} />
          </div>
          <p className={`mt-1 text-sm ${row.status === "overdue" ? "font-semibold text-red-800" : "text-slate-700"}`}>
            <DueDate dueAt={row.dueAt} />
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {t("assignedOn", { date: row.assignedAt })}
            {row.completedAt && <> · {t("completedOn", { date: row.completedAt })}</>}
            {row.waivedAt && row.status === "waived" && <> · {t("waivedOn", { date: row.waivedAt })}</>}
            {row.group && (
              <>
                {" · "}
                {t("viaGroup")}{" "}
                {row.group.linked ? (
                  <Link href={`/groups/${row.group.id}`} className="text-brand-700 hover:underline">
                    {row.group.name}
                  </Link>
                ) : (
                  row.group.name
                )}
              </>
            )}
          </p>
          {row.status !== "waived" && (
            <div className="mt-3 flex items-center gap-3">
              <div className="w-48 max-w-full">
                <ProgressBar percent={row.percent} label={t("progressLabel", { course: row.courseTitle })} />
              </div>
              <span className="text-sm text-slate-700 tabular-nums">{t("progress", { percent: row.percent })}</span>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
