import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { calendarDay } from "@/lib/i18n/formats";
import { buttonClass } from "@/components/ui/button";
import { TableScroller } from "@/components/ui/table-scroller";
import type { GroupRule } from "@/lib/assignments/queries";
import { EndRuleButton } from "./end-rule-button";
import { ReminderList } from "./assignment-terms";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top";

/**
 * The group's assignment rules on its Members tab, for admins: which courses people who join are
 * assigned, by when, and what happens when they leave; "End rule" stops it. "Assign a course"
 * opens the bulk wizard for this group (not for an archived group: it cannot get new rules).
 */
export async function GroupRules({ groupId, rules, canAssign }: { groupId: string; rules: readonly GroupRule[]; canAssign: boolean }) {
  const [t, format] = await Promise.all([getTranslations("groupRules"), getFormatter()]);
  return (
    <section aria-labelledby="group-rules" className="space-y-3 pt-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="group-rules" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {canAssign && (
          <Link href={`/admin/assignments/new?groupId=${groupId}`} className={buttonClass("secondary")}>
            {t("assign")}
          </Link>
        )}
      </div>
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("none")}</p>
      ) : (
        <TableScroller label={t("caption")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  {t("course")}
                </th>
                <th scope="col" className={th}>
                  {t("deadline")}
                </th>
                <th scope="col" className={th}>
                  {t("reminders")}
                </th>
                <th scope="col" className={th}>
                  {t("onRemoval")}
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row" className={`${td} text-left font-medium`}>
                    {rule.courseTitle}
                  </th>
                  <td className={td}>
                    {rule.dueOn
                      ? t("dueOn", { date: format.dateTime(calendarDay(rule.dueOn), "day") })
                      : t("dueAfter", { count: rule.dueAfterDays ?? 0 })}
                  </td>
                  <td className={td}>
                    <ReminderList days={rule.reminderDays} />
                  </td>
                  <td className={td}>{t(rule.onRemoval)}</td>
                  <td className={`${td} text-right`}>
                    <EndRuleButton ruleId={rule.id} courseTitle={rule.courseTitle} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
