"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { plainExcerpt } from "@/lib/feed/excerpt";
import type { FeedEntry as Entry } from "@/lib/feed/types";

const MINUTE = 60_000;

/** How long ago, in the largest unit that reads naturally; the exact time is in the element's title. */
function relativeUnit(ms: number): "second" | "minute" | "hour" | "day" {
  if (ms < MINUTE) return "second";
  if (ms < 60 * MINUTE) return "minute";
  if (ms < 24 * 60 * MINUTE) return "hour";
  return "day";
}

/**
 * One line of the feed: a sentence per event type, when it happened, and the certificate link for
 * those who may open it (its owner, admins and HR; for everyone else the serial is plain text).
 */
export function FeedEntry({ entry, now, canOpenCertificate }: { entry: Entry; now: number; canOpenCertificate: boolean }) {
  const t = useTranslations("feed");
  const tBadges = useTranslations("badges");
  const format = useFormatter();
  const at = new Date(entry.createdAt);
  const name = entry.userName;
  const sentence = (() => {
    switch (entry.type) {
      case "lesson_completed":
        return entry.score === null
          ? t("lessonCompleted", { name, lesson: entry.lessonTitle ?? "" })
          : t("lessonCompletedScore", { name, lesson: entry.lessonTitle ?? "", score: entry.score });
      case "course_completed":
        return t("courseCompleted", { name });
      case "streak_milestone":
        return t("streak", { name, days: entry.streakDays ?? 0 });
      case "badge_awarded":
        return t("badge", { name, badge: entry.badge ? tBadges(`${entry.badge}.name`) : "" });
      case "certificate_issued":
        return t("certificate", { name, serial: entry.serial ?? "" });
      case "praise":
        return t("praise", { name, praised: entry.praisedName ?? t("someone") });
    }
  })();
  const ago = Math.max(0, now - at.getTime());
  const unit = relativeUnit(ago);
  const excerpt = entry.praiseText ? plainExcerpt(entry.praiseText) : "";
  return (
    <li className={`px-4 py-3 ${entry.type === "praise" ? "bg-amber-50" : ""}`}>
      <p className="text-sm text-slate-900">{sentence}</p>
      {excerpt && <blockquote className="mt-1 border-l-2 border-amber-300 pl-3 text-sm text-slate-700">{excerpt}</blockquote>}
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
        <time dateTime={entry.createdAt} title={format.dateTime(at, "moment")}>
          {unit === "second" ? t("justNow") : format.relativeTime(at, { now, unit })}
        </time>
        {entry.type === "certificate_issued" && entry.certificateId && canOpenCertificate && (
          <Link href={`/certificates/${entry.certificateId}`} className="font-medium text-brand-700 underline hover:text-brand-800">
            {t("viewCertificate")}
          </Link>
        )}
      </p>
    </li>
  );
}
