"use client";

import { useTranslations } from "next-intl";
import type { NotificationLevel } from "@/db/schema";
import { setDefaultLevelAction } from "@/lib/notifications/settings/actions";
import { LevelPicker } from "./level-picker";

/** The profile's default chat notification level, for every group not set otherwise. */
export function DefaultNotificationSettings({ level }: { level: NotificationLevel }) {
  const t = useTranslations("notificationSettings");
  return (
    <LevelPicker
      legend={t("defaultLegend")}
      hint={t("defaultHint")}
      initial={level}
      save={(next) => setDefaultLevelAction({ level: next, operationId: crypto.randomUUID() })}
    />
  );
}
