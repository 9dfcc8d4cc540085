"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Within this many pixels of the newest message, the reader counts as at the latest. */
const NEAR_PX = 48;

/**
 * Following the newest message of a chat laid out in the page's own scroll (the window scrolls,
 * the composer dock is `sticky; bottom: 0`): `end` marks the end of the messages, `dock` the
 * composer. The reader is at the latest while the end is no lower than the dock's top; `away` (state)
 * is the opposite, for "Jump to latest"; `revealLatest` scrolls the window until the end meets the dock.
 */
export function useFollowLatest() {
  const end = useRef<HTMLDivElement>(null);
  const dock = useRef<HTMLDivElement>(null);
  const atLatest = useRef(true);
  const [away, setAway] = useState(false);

  const overshoot = () => {
    const marker = end.current;
    if (!marker) return 0;
    const limit = dock.current ? dock.current.getBoundingClientRect().top : window.innerHeight;
    return marker.getBoundingClientRect().top - limit;
  };
  const measure = useCallback(() => {
    atLatest.current = overshoot() <= NEAR_PX;
    setAway(!atLatest.current);
  }, []);
  const revealLatest = useCallback(() => {
    window.scrollBy({ top: overshoot(), behavior: "instant" });
    measure();
  }, [measure]);

  useEffect(() => {
    window.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      window.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, [measure]);

  /** The reader sent a message: the chat follows it to the newest, wherever they were. */
  const followNext = useCallback(() => {
    atLatest.current = true;
  }, []);

  return { end, dock, atLatest, away, measure, revealLatest, followNext };
}
