"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { searchMentionableAction } from "@/lib/chat/actions";
import type { Mentionable } from "@/lib/chat/queries";

const DEBOUNCE_MS = 150;

/**
 * People who can read the group, by name, for the @mention autocomplete and the praise picker:
 * debounced, answers to an older term dropped, one suggestion active for the arrow keys.
 */
export function usePeopleSearch(groupId: string) {
  const [results, setResults] = useState<Mentionable[] | null>(null);
  const [active, setActive] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (term: string) => {
    if (latest.current === term) return;
    latest.current = term;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const result: ActionResult<Mentionable[]> = await searchMentionableAction({ groupId, term }).catch(() => ({
        ok: false,
        error: { code: "unexpected" },
      }));
      if (latest.current !== term) return;
      setResults(result.ok ? result.data : []);
      setActive(0);
    }, DEBOUNCE_MS);
  };

  const close = () => {
    clearTimeout(timer.current);
    latest.current = null;
    setResults(null);
  };

  /** Arrow keys: the next or previous suggestion, wrapping around. */
  const move = (step: 1 | -1) => {
    const count = results?.length ?? 0;
    if (count > 0) setActive((current) => (current + step + count) % count);
  };

  return { results, active, setActive, search, close, move, current: results?.[active] ?? null };
}
