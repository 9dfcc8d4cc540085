"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";
import { settledAction } from "@/lib/actions/request-guard";
import { type Toast, type ToastInput, ToastItem } from "./toast";
import { useErrorMessage } from "./use-error-message";

const ToastContext = createContext<((toast: ToastInput | string) => void) | null>(null);

/** At most this many at once: the oldest goes first, so a burst of actions never covers the page. */
const maxToasts = 3;

/**
 * The toasts of the whole app, mounted once in the root layout so that a toast outlives the dialog
 * or page that raised it (a create navigates to the new group). They sit in one polite live region,
 * present from the start so that screen readers announce what is added; errors are not toasts but
 * stay beside the form that caused them (ActionAlert). Stacked at the bottom on phones, in the
 * bottom right corner on wide screens.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("toast");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  const show = useCallback((input: ToastInput | string) => {
    const toast: Toast = {
      ...(typeof input === "string" ? { message: input } : input),
      id: ++nextId.current,
      tone: "success",
      pending: false,
    };
    setToasts((current) => [...current, toast].slice(-maxToasts));
  }, []);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const replace = (id: number, change: Partial<Toast>) =>
    setToasts((current) => current.map((toast) => (toast.id === id ? { ...toast, ...change } : toast)));

  // The action's outcome takes the toast's place (a new id, so its timer starts afresh).
  const act = async (toast: Toast) => {
    if (!toast.action || toast.pending) return;
    replace(toast.id, { pending: true });
    const result = await settledAction(toast.action.run);
    const id = ++nextId.current;
    if (result.ok) {
      replace(toast.id, { id, message: toast.action.success, action: undefined, pending: false });
      router.refresh();
    } else {
      replace(toast.id, { id, message: errorMessage(result.error), tone: "error", action: undefined, pending: false });
    }
  };

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        role="status"
        aria-live="polite"
        aria-label={t("region")}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 px-4 pb-4 sm:left-auto sm:pl-0"
      >
        <ol className="flex flex-col items-stretch gap-2 sm:items-end">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onAct={(item) => void act(item)} onDismiss={dismiss} />
          ))}
        </ol>
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a toast: a sentence saying what happened, optionally with one action (see ToastAction). */
export function useToast(): (toast: ToastInput | string) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs the ToastProvider of the root layout");
  return show;
}
