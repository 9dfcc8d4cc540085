"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { searchMentionableAction } from "@/lib/chat/actions";
import type { MentionCandidate } from "@/lib/chat/queries";

const DEBOUNCE_MS = 150;

/** The suggestion Enter may take without the arrow keys: the only one, or one matching better than every other. */
function soleBest(results: readonly MentionCandidate[] | null): MentionCandidate | null {
  if (!results?.length) return null;
  return results.length === 1 || results[0]!.match < results[1]!.match ? results[0]! : null;
}

/**
 * People who can read the group, by name, for the @mention autocomplete and the praise picker:
 * debounced, answers to an older term dropped, best matches first. Nothing is active until the arrow
 * keys move (-1): Enter then takes only a suggestion that is unambiguous (`choice`), never the first
 * of several alike.
 */
export function usePeopleSearch(groupId: string) {
  const [results, setResults] = useState<MentionCandidate[] | null>(null);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (term: string) => {
    if (latest.current === term) return;
    latest.current = term;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const result: ActionResult<MentionCandidate[]> = await searchMentionableAction({ groupId, term }).catch(() => ({
        ok: false,
        error: { code: "unexpected" },
      }));
      if (latest.current !== term) return;
      setResults(result.ok ? result.data : []);
      setActive(-1);
    }, DEBOUNCE_MS);
  };

  const close = () => {
    clearTimeout(timer.current);
    latest.current = null;
    setResults(null);
  };

  /** Arrow keys: the next or previous suggestion, wrapping around; from none, the first or the last. */
  const move = (step: 1 | -1) => {
    const count = results?.length ?? 0;
    if (count > 0) setActive((current) => (current < 0 ? (step === 1 ? 0 : count - 1) : (current + step + count) % count));
  };

  const current = results?.[active] ?? null;
  /** What Enter picks: the suggestion moved to, else the unambiguous one, else nothing. */
  const choice = current ?? soleBest(results);
  return { results, active, setActive, search, close, move, current, choice };
}
