import { getTranslations } from "next-intl/server";
import { BadgeList } from "@/components/learning/badge-list";
import type { EarnedBadge } from "@/lib/learning/achievements";

export async function PersonEarnedBadges({ badges }: { badges: readonly EarnedBadge[] }) {
  const t = await getTranslations("people.person.badges");
  return (
    <section aria-labelledby="person-earned-badges" className="space-y-3">
      <h2 id="person-earned-badges" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {badges.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <BadgeList badges={badges} label={t("title")} />
      )}
    </section>
  );
}
