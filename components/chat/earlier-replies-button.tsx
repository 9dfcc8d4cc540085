"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * "Show 37 earlier replies", above the replies a thread's page came with: loads the page before
 * them in place, busy meanwhile; each thread loads on its own, so the state is the button's.
 */
export function EarlierRepliesButton({ count, onLoad }: { count: number; onLoad: () => Promise<void> }) {
  const t = useTranslations("chatTab");
  const [loading, startLoading] = useTransition();
  return (
    <Button variant="ghost" className="px-2 py-1 text-xs" pending={loading} onClick={() => startLoading(onLoad)}>
      {loading ? t("loadingEarlierReplies") : t("earlierReplies", { count })}
    </Button>
  );
}
