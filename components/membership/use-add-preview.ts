"use client";

import { useEffect, useState } from "react";
import { settledAction } from "@/lib/actions/request-guard";
import type { ActionResult } from "@/lib/actions/safe-action";
import { previewAddMembersAction } from "@/lib/membership/actions";
import type { Selection } from "@/lib/membership/schemas";
import type { AddPreview } from "@/lib/membership/queries/preview";

const DEBOUNCE_MS = 150;

/** Whether a preview says the group has room for everyone it would add. */
export function fitsInGroup(preview: AddPreview): boolean {
  return preview.max === null || preview.taken + preview.toAdd <= preview.max;
}

export type PreviewState = { status: "idle" } | { status: "loading" } | { status: "done"; result: ActionResult<AddPreview> };

/**
 * The live preview of a selection: what Confirm would add, skip and leave. Follows the selection
 * (pass the same object while it is unchanged); answers for an earlier selection are dropped.
 */
export function useAddPreview(groupId: string, selection: Selection | null): PreviewState {
  const [answer, setAnswer] = useState<{ selection: Selection; result: ActionResult<AddPreview> } | null>(null);
  useEffect(() => {
    if (!selection) return;
    let live = true;
    const timer = setTimeout(() => {
      settledAction(() => previewAddMembersAction({ groupId, selection })).then((result) => {
        if (live) setAnswer({ selection, result });
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [groupId, selection]);
  if (!selection) return { status: "idle" };
  return answer?.selection === selection ? { status: "done", result: answer.result } : { status: "loading" };
}
