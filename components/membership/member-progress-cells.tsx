"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Cell } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { MemberProgress } from "@/lib/membership/queries/members";

/**
 * A member's progress in the group's linked course (spec FAQ: members of a group with a course see
 * each other's progress in it). The certificate links only for those who may open it.
 */
export function MemberProgressCells({
  name,
  progress,
  canOpenCertificate,
}: {
  name: string;
  progress: MemberProgress;
  canOpenCertificate: boolean;
}) {
  const t = useTranslations("members.progress");
  return (
    <>
      <Cell wrap className="min-w-40 align-top text-slate-700 max-sm:min-w-0">
        <div className="flex items-center gap-2">
          <ProgressBar percent={progress.percent} label={t("bar", { name, percent: progress.percent })} />
          <span className="text-xs font-medium whitespace-nowrap text-slate-900">{t("percent", { percent: progress.percent })}</span>
        </div>
        <p className="mt-1 text-xs">{t("lessons", { done: progress.lessonsDone, total: progress.lessonsTotal })}</p>
        <p className="text-xs">{progress.score === null ? t("noScore") : t("score", { score: progress.score })}</p>
      </Cell>
      <Cell className="align-top text-slate-700">{t("streak", { days: progress.streak })}</Cell>
      <Cell wrap className="align-top text-slate-700">
        <p>{t("badges", { count: progress.badges })}</p>
        <p className="text-xs">
          {progress.certificateId && progress.certificateSerial ? (
            canOpenCertificate ? (
              <Link href={`/certificates/${progress.certificateId}`} className="font-medium text-brand-700 underline hover:text-brand-800">
                {t("certificate", { serial: progress.certificateSerial })}
              </Link>
            ) : (
              t("certificate", { serial: progress.certificateSerial })
            )
          ) : (
            t("noCertificate")
          )}
        </p>
      </Cell>
    </>
  );
}
