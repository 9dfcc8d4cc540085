"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import type { CompletionResult } from "@/lib/learning/operations/complete-lesson";

/**
 * What a completion brought, focused when it appears so keyboard and screen-reader users land on
 * it: the score, the course's progress, the streak, new badges, and a finished course's certificate.
 */
export function CompletionSummary({
  result,
  nextHref,
  courseHref,
}: {
  result: CompletionResult;
  nextHref: string | null;
  courseHref: string;
}) {
  const t = useTranslations("lesson");
  const tBadges = useTranslations("badges");
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section
      aria-labelledby="completion-title"
      className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-950 sm:p-5"
    >
      <h2 id="completion-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {t("resultTitle")}
      </h2>
      {result.alreadyCompleted && <p>{t("alreadyCompleted")}</p>}
      <ul className="space-y-1 text-sm">
        {result.score !== null && <li className="text-base font-semibold">{t("score", { score: result.score })}</li>}
        <li>{t("percent", { percent: result.percent })}</li>
        {result.streak > 0 && <li>{t("streak", { days: result.streak })}</li>}
      </ul>
      {result.badges.length > 0 && (
        <ul className="space-y-2">
          {result.badges.map((badge) => (
            <li key={badge} className="flex items-start gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-slate-900">
              <span aria-hidden="true" className="text-lg text-amber-800">
                ★
              </span>
              <span>
                <span className="block font-medium">{t("newBadge", { name: tBadges(`${badge}.name`) })}</span>
                <span className="block text-sm text-slate-700">{tBadges(`${badge}.description`)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {result.courseCompleted && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 font-medium">
          <span>{t("courseFinished")}</span>
          {result.certificateId && (
            <Link href={`/certificates/${result.certificateId}`} className="underline">
              {t("viewCertificate")}
            </Link>
          )}
        </p>
      )}
      <Link href={nextHref ?? courseHref} className={buttonClass("primary")}>
        {nextHref ? t("continue") : t("backToCourse")}
      </Link>
    </section>
  );
}
