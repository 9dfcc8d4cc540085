import { getTranslations } from "next-intl/server";
import type { EarnedBadge } from "@/lib/learning/achievements";

/** Earned badges by their names and what earned them; callers say what an empty list means. */
export async function BadgeList({ badges, label }: { badges: readonly EarnedBadge[]; label: string }) {
  const t = await getTranslations("badges");
  return (
    <ul aria-label={label} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {badges.map(({ badge, awardedAt }) => (
        <li key={badge} className="flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
          <span
            aria-hidden="true"
            className="flex size-9 shrink-0 items-center justify-center rounded-full bg-amber-200 text-lg text-amber-900"
          >
            ★
          </span>
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{t(`${badge}.name`)}</p>
            <p className="text-sm text-slate-700">{t(`${badge}.description`)}</p>
            <p className="mt-1 text-xs text-slate-700">
              <time dateTime={awardedAt.toISOString()}>{t("earnedOn", { date: awardedAt })}</time>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
