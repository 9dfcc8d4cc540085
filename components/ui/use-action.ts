"use client";

import { useState, useTransition } from "react";
import { thrownActionError } from "@/lib/actions/request-guard";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";

/**
 * Runs a server action in a transition: `pending` while it runs, and its error kept for the
 * alert. A body the server refused unread says why; a failure to reach the server at all counts
 * as an unexpected error.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  const run = (input: I, onSuccess: (data: T) => void) => {
    setError(null);
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(input);
      } catch (thrown) {
        result = { ok: false, error: thrownActionError(thrown) };
      }
      if (result.ok) onSuccess(result.data);
      else setError(result.error);
    });
  };

  return { run, pending, error };
}
