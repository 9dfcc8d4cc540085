"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { plainExcerpt } from "@/lib/feed/excerpt";
import type { FeedEntry as Entry } from "@/lib/feed/types";
import { FeedIcon } from "./feed-icon";

const MINUTE = 60_000;

/** How long ago, in the largest unit that reads naturally; the exact time is in the element's title. */
function relativeUnit(ms: number): "second" | "minute" | "hour" | "day" {
  if (ms < MINUTE) return "second";
  if (ms < 60 * MINUTE) return "minute";
  if (ms < 24 * 60 * MINUTE) return "hour";
  return "day";
}

const person = (chunks: ReactNode) => <strong className="font-semibold text-slate-900">{chunks}</strong>;

/**
 * One line of the feed: the kind's icon, a sentence per event type with who did it in bold (a
 * certificate names its course), when it happened, and the certificate link for those who may open
 * it (its owner, admins and HR).
 */
export function FeedEntry({ entry, now, canOpenCertificate }: { entry: Entry; now: number; canOpenCertificate: boolean }) {
  const t = useTranslations("feed");
  const tBadges = useTranslations("badges");
  const format = useFormatter();
  const at = new Date(entry.createdAt);
  const name = entry.userName;
  const course = entry.courseTitle;
  const sentence = (() => {
    switch (entry.type) {
      case "lesson_completed":
        return entry.score === null
          ? t.rich("lessonCompleted", { name, lesson: entry.lessonTitle ?? "", b: person })
          : t.rich("lessonCompletedScore", { name, lesson: entry.lessonTitle ?? "", score: entry.score, b: person });
      case "course_completed":
        return t.rich("courseCompleted", { name, course, b: person });
      case "streak_milestone":
        return t.rich("streak", { name, days: entry.streakDays ?? 0, b: person });
      case "badge_awarded":
        return t.rich("badge", { name, badge: entry.badge ? tBadges(`${entry.badge}.name`) : "", b: person });
      case "certificate_issued":
        return t.rich("certificate", { name, course, b: person });
      case "praise":
        return t.rich("praise", { name, praised: entry.praisedName ?? t("someone"), b: person });
    }
  })();
  const ago = Math.max(0, now - at.getTime());
  const unit = relativeUnit(ago);
  const excerpt = entry.praiseText ? plainExcerpt(entry.praiseText) : "";
  return (
    <li className="flex gap-3 px-4 py-3">
      <FeedIcon kind={entry.type} />
      <div className="min-w-0 flex-1">
        <p className="text-sm text-slate-700">{sentence}</p>
        {excerpt && <blockquote className="mt-1 border-l-2 border-pink-200 pl-3 text-sm text-slate-700 italic">{excerpt}</blockquote>}
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
          <time dateTime={entry.createdAt} title={format.dateTime(at, "moment")}>
            {unit === "second" ? t("justNow") : format.relativeTime(at, { now, unit })}
          </time>
          {entry.type === "certificate_issued" && entry.certificateId && canOpenCertificate && (
            <Link href={`/certificates/${entry.certificateId}`} className="font-medium text-brand-700 underline hover:text-brand-800">
              {t("viewCertificate")}
            </Link>
          )}
        </p>
      </div>
    </li>
  );
}
