"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

/** Live pages re-render from the server at most this often, however many changes arrive. */
const REFRESH_INTERVAL_MS = 2000;

/**
 * `run` at most once per interval: the first call at once, a burst after it in one call at the
 * interval's end (so the last call of a burst is never lost). `run` may change between renders; the
 * newest is called. On unmount a waiting call is dropped, or with `flushOnUnmount` made at once (what
 * must not be lost when the person leaves, such as a read mark).
 */
export function useThrottled(run: () => void, intervalMs: number, { flushOnUnmount = false } = {}): () => void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  }, [run]);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (!pending.current) return;
      clearTimeout(pending.current);
      pending.current = null;
      if (flushOnUnmount) latest.current();
    },
    [flushOnUnmount],
  );
  return useCallback(() => {
    if (pending.current) return;
    const wait = Math.max(0, last.current + intervalMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      latest.current();
    }, wait);
  }, [intervalMs]);
}

/**
 * A `router.refresh()` that runs at most once per interval: a bulk add announcing itself to every
 * open page, or a busy group's completions, re-render the page once per interval.
 */
export function useThrottledRefresh(intervalMs = REFRESH_INTERVAL_MS): () => void {
  const router = useRouter();
  return useThrottled(() => router.refresh(), intervalMs);
}
