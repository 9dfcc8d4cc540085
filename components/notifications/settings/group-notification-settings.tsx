"use client";

import { useTranslations } from "next-intl";
import type { NotificationLevel } from "@/db/schema";
import { setGroupLevelAction } from "@/lib/notifications/settings/actions";
import { LevelPicker } from "./level-picker";

/** The group page's notification setting: starts at what applies now (the group's own, else my default). */
export function GroupNotificationSettings({
  groupId,
  level,
  defaultLevel,
}: {
  groupId: string;
  level: NotificationLevel;
  defaultLevel: NotificationLevel;
}) {
  const t = useTranslations("notificationSettings");
  return (
    <LevelPicker
      legend={t("groupLegend")}
      hint={t("groupHint", { level: t(`levels.${defaultLevel}.label`) })}
      initial={level}
      save={(next) => setGroupLevelAction({ groupId, level: next, operationId: crypto.randomUUID() })}
    />
  );
}
