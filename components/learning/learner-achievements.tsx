import { getTranslations } from "next-intl/server";
import type { EarnedBadge, StreakView } from "@/lib/learning/achievements";
import { BadgeList } from "./badge-list";

/** The top of "Courses": my current streak and the badges I have earned. */
export async function LearnerAchievements({ streak, badges }: { streak: StreakView; badges: readonly EarnedBadge[] }) {
  const t = await getTranslations("courses");
  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
      <section aria-labelledby="my-streak" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="my-streak" className="text-sm font-semibold text-slate-700">
          {t("streakTitle")}
        </h2>
        <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="current-streak">
          {t("streak", { days: streak.current })}
        </p>
        <p className="mt-1 text-sm text-slate-600">{streak.longest > 0 ? t("longest", { days: streak.longest }) : t("streakHint")}</p>
      </section>
      <section aria-labelledby="my-badges" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="my-badges" className="text-sm font-semibold text-slate-700">
          {t("badgesTitle")}
        </h2>
        <div className="mt-3">
          {badges.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noBadges")}</p>
          ) : (
            <BadgeList badges={badges} label={t("badgesTitle")} />
          )}
        </div>
      </section>
    </div>
  );
}
