"use client";

import { useTranslations } from "next-intl";
import { useRealtimeDown } from "./realtime-provider";

export function ReconnectingBanner() {
  const t = useTranslations("realtime");
  const down = useRealtimeDown();
  return (
    <div role="status" aria-live="polite" className={down ? "bg-amber-100 px-4 py-2 text-center text-sm text-amber-900" : "sr-only"}>
      {down ? t("reconnecting") : ""}
    </div>
  );
}
