"use client";

import { useEffect, useRef, useState } from "react";
import { settledAction } from "@/lib/actions/request-guard";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import { type PersonSuggestion, soleBest } from "@/lib/people/suggestions";

const DEBOUNCE_MS = 150;

/**
 * The state every person picker shares: what was found for the latest term (debounced; answers to an
 * older term dropped), best matches first as the server ranks them, and which suggestion is active.
 * Nothing is active until the arrow keys move (-1), so ↓ Enter takes the first and Enter alone takes
 * only an unambiguous suggestion (`choice`), never the first of several alike.
 */
export function usePersonSuggestions<T extends PersonSuggestion>(
  find: (term: string) => Promise<ActionResult<T[]>>,
  /** An empty term asks too (the composer's bare "@" lists people); otherwise it closes the list. */
  { searchEmpty = false }: { searchEmpty?: boolean } = {},
) {
  const [results, setResults] = useState<T[] | null>(null);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const close = () => {
    clearTimeout(timer.current);
    latest.current = null;
    setResults(null);
    setSearching(false);
    setActive(-1);
  };

  const search = (raw: string) => {
    const term = raw.trim();
    if (!term && !searchEmpty) return close();
    if (latest.current === term) return;
    latest.current = term;
    clearTimeout(timer.current);
    setSearching(true);
    timer.current = setTimeout(async () => {
      const result = await settledAction(() => find(term));
      if (latest.current !== term) return;
      setSearching(false);
      setError(result.ok ? null : result.error);
      setResults(result.ok ? result.data : []);
      setActive(-1);
    }, DEBOUNCE_MS);
  };

  /** Arrow keys: the next or previous suggestion, wrapping around; from none, the first or the last. */
  const move = (step: 1 | -1) => {
    const count = results?.length ?? 0;
    if (count > 0) setActive((current) => (current < 0 ? (step === 1 ? 0 : count - 1) : (current + step + count) % count));
  };

  const current = results?.[active] ?? null;
  /** What Enter picks: the suggestion moved to, else the unambiguous one, else nothing. */
  const choice = current ?? soleBest(results);
  return { results, active, setActive, searching, error, search, close, move, current, choice };
}
