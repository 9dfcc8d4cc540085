"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ICONS, LineIcon } from "./line-icon";

/**
 * What a toast offers besides closing: one action, run as the server action it names (an undo is
 * the inverse operation itself, with its own operation id and effects), and what to say once it
 * succeeded.
 */
export type ToastAction = {
  label: string;
  run: () => Promise<ActionResult<unknown>>;
  success: string;
};

export type ToastInput = { message: string; action?: ToastAction };

export type Toast = ToastInput & { id: number; tone: "success" | "error"; pending: boolean };

/** Long enough to read a sentence and reach its button; an action gets longer, as undoing is the point. */
const visibleMs = (toast: Toast) => (toast.action ? 10_000 : 6_000);

/**
 * One toast: its sentence, the optional action and a close button. It goes by itself after a few
 * seconds, but not while the pointer is over it, focus is in it or its action runs: when its time is
 * up it looks whether it is held (rather than counting enter and leave events, which a toast that
 * replaced another under a resting pointer never gets) and, if so, waits the time again.
 */
export function ToastItem({
  toast,
  onAct,
  onDismiss,
}: {
  toast: Toast;
  onAct: (toast: Toast) => void;
  /** Stable across renders: a new function would start the timer afresh. */
  onDismiss: (id: number) => void;
}) {
  const t = useTranslations("toast");
  const ref = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (toast.pending) return;
    let timer: ReturnType<typeof setTimeout>;
    const wait = () => {
      timer = setTimeout(() => {
        const item = ref.current;
        if (item && (item.matches(":hover") || item.contains(document.activeElement))) wait();
        else onDismiss(toast.id);
      }, visibleMs(toast));
    };
    wait();
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);

  return (
    <li
      ref={ref}
      className={`pointer-events-auto flex w-full items-center gap-3 rounded-lg px-4 py-3 text-sm text-white shadow-lg sm:w-96 ${
        toast.tone === "error" ? "bg-red-800" : "bg-slate-900"
      }`}
    >
      <p className="min-w-0 flex-1 break-words">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          onClick={() => onAct(toast)}
          disabled={toast.pending}
          aria-busy={toast.pending || undefined}
          className="shrink-0 rounded-md px-2 py-1 font-semibold underline underline-offset-2 hover:bg-white/10 focus-visible:outline-white disabled:opacity-60"
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        aria-label={t("close")}
        className="shrink-0 rounded-md p-1.5 hover:bg-white/10 focus-visible:outline-white"
      >
        {/* Drawn rather than a "×" character, so that the toast's text is its sentence and action alone. */}
        <LineIcon paths={ICONS.close} className="h-4 w-4" />
      </button>
    </li>
  );
}
