import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

/** Previous lesson, back to the course, next lesson: the links that exist for this lesson. */
export async function LessonNavigation({
  previousHref,
  nextHref,
  courseHref,
}: {
  previousHref: string | null;
  nextHref: string | null;
  courseHref: string;
}) {
  const t = await getTranslations("lesson");
  return (
    <nav aria-label={t("navigation")} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
      {previousHref ? (
        <Link href={previousHref} className={buttonClass("ghost")}>
          <span aria-hidden="true">←</span> {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <Link href={courseHref} className={buttonClass("ghost")}>
        {t("backToCourse")}
      </Link>
      {nextHref ? (
        <Link href={nextHref} className={buttonClass("secondary")}>
          {t("next")} <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
