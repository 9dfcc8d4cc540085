"use client";

import { useEffect, useRef, useState } from "react";
import { settledAction } from "@/lib/actions/request-guard";
import type { ActionResult } from "@/lib/actions/safe-action";

/**
 * Loads data through a server action when mounted and again whenever `key` changes; null while
 * loading. Answers for an earlier key are dropped, and a failure to reach the server is an
 * unexpected error.
 */
export function useActionData<T>(load: () => Promise<ActionResult<T>>, key: string): ActionResult<T> | null {
  const settled = useSettledActionData(load, key);
  return settled?.key === key ? settled.result : null;
}

/**
 * The same loading, answering the last result that arrived with the key it was loaded for, even
 * while a newer key loads: a list that narrows as someone types keeps its options on screen (and a
 * choice made among them) instead of emptying between two answers.
 */
export function useSettledActionData<T>(
  load: () => Promise<ActionResult<T>>,
  key: string,
): { key: string; result: ActionResult<T> } | null {
  const [state, setState] = useState<{ key: string; result: ActionResult<T> } | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let live = true;
    settledAction(loadRef.current).then((result) => {
      if (live) setState({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
