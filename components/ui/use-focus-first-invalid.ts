"use client";

import { type RefObject, useEffect } from "react";
import type { ActionError } from "@/lib/actions/safe-action";

/** After a refused submit, the first field to fix gets the focus. */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, error: ActionError | null): void {
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [formRef, error]);
}
