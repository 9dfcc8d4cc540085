"use client";

import { useTranslations } from "next-intl";
import type { NotificationLevel } from "@/db/schema";
import { setGroupLevelAction } from "@/lib/notifications/settings/actions";
import { LevelPicker } from "./level-picker";

/**
 * A group's notification setting: starts at what applies now (the group's own, else my default);
 * `onSaved` hears each level stored, so whatever holds it (the group menu's dialog) reopens at it.
 */
export function GroupNotificationSettings({
  groupId,
  level,
  defaultLevel,
  onSaved,
}: {
  groupId: string;
  level: NotificationLevel;
  defaultLevel: NotificationLevel;
  onSaved?: (level: NotificationLevel) => void;
}) {
  const t = useTranslations("notificationSettings");
  return (
    <LevelPicker
      legend={t("groupLegend")}
      hint={t("groupHint", { level: t(`levels.${defaultLevel}.label`) })}
      initial={level}
      save={async (next) => {
        const result = await setGroupLevelAction({ groupId, level: next, operationId: crypto.randomUUID() });
        if (result.ok) onSaved?.(next);
        return result;
      }}
    />
  );
}
