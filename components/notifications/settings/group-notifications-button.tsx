"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NotificationLevel } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { GroupNotificationSettings } from "./group-notification-settings";

/**
 * The group header's "Chat notifications" button: the group's setting in a dialog, one click away on
 * every tab instead of a card under each of them. The button names the level that applies now.
 */
export function GroupNotificationsButton({
  groupId,
  level: initial,
  defaultLevel,
}: {
  groupId: string;
  level: NotificationLevel;
  defaultLevel: NotificationLevel;
}) {
  const t = useTranslations("notificationSettings");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState(initial);
  return (
    <>
      <Button aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
          <path d="M10 2a6 6 0 0 0-6 6v2.6l-1.3 2.6A1 1 0 0 0 3.6 15h12.8a1 1 0 0 0 .9-1.8L16 10.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.4-2h4.8A2.5 2.5 0 0 1 10 18Z" />
        </svg>
        <span aria-hidden="true">
          {t("title")} <span className="font-normal text-slate-600">{t(`levels.${level}.short`)}</span>
        </span>
        <span className="sr-only">{t("button", { level: t(`levels.${level}.short`) })}</span>
      </Button>
      {open && (
        <Dialog title={t("title")} onClose={() => setOpen(false)}>
          <GroupNotificationSettings groupId={groupId} level={level} defaultLevel={defaultLevel} onSaved={setLevel} />
          <DialogFooter>
            <Button variant="primary" onClick={() => setOpen(false)}>
              {tc("done")}
            </Button>
          </DialogFooter>
        </Dialog>
      )}
    </>
  );
}
