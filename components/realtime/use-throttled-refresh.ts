"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

/** Live pages re-render from the server at most this often, however many changes arrive. */
const REFRESH_INTERVAL_MS = 2000;

/**
 * A `router.refresh()` that runs at most once per interval: the first change shows at once, a burst
 * after it (a bulk add announcing itself to every open page, a busy group's completions) in one
 * refresh at the interval's end.
 */
export function useThrottledRefresh(intervalMs = REFRESH_INTERVAL_MS): () => void {
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  return useCallback(() => {
    if (pending.current) return;
    const wait = Math.max(0, last.current + intervalMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      router.refresh();
    }, wait);
  }, [router, intervalMs]);
}
