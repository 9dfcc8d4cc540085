"use client";

import { useState, useTransition } from "react";
import { settledAction } from "@/lib/actions/request-guard";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import type { ToastInput } from "./toast";
import { useToast } from "./toast-provider";

/**
 * Runs a server action in a transition: `pending` while it runs, and its error kept for the
 * alert. A body the server refused unread says why; a failure to reach the server at all counts
 * as an unexpected error. `success` says what a mutation did, as a toast (the one way every
 * mutation reports back; a read gives none).
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  { success }: { success?: (data: T, input: I) => ToastInput | string } = {},
) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const toast = useToast();

  const run = (input: I, onSuccess: (data: T) => void) => {
    setError(null);
    startTransition(async () => {
      const result = await settledAction(() => action(input));
      if (result.ok) {
        if (success) toast(success(result.data, input));
        onSuccess(result.data);
      } else setError(result.error);
    });
  };

  return { run, pending, error };
}
