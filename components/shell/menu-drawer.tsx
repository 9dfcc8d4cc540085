"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ICONS, LineIcon } from "@/components/ui/line-icon";

/** Tailwind's `lg`, where the sidebar shows the menu beside the page (app/globals.css, `--shell-top`). */
const WIDE = "(min-width: 64rem)";

/**
 * The menu button of narrow screens and the drawer it opens: a modal `<dialog>` (focus moves in and
 * stays there; Escape, the close button and a click beside it close it), closed again on navigation
 * and when the screen becomes wide enough for the sidebar. Focus returns to the button. Its content
 * exists only while it is open, so the menu is never twice in the page.
 */
export function MenuDrawer({
  label,
  closeLabel,
  title,
  children,
}: {
  label: string;
  closeLabel: string;
  title: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogId = useId();
  const pathname = usePathname();

  useEffect(() => {
    if (open) dialogRef.current?.showModal();
  }, [open]);

  // A new page closes the drawer (a link to the page already shown closes it on click, below).
  useEffect(() => dialogRef.current?.close(), [pathname]);

  useEffect(() => {
    if (!open) return;
    const wide = window.matchMedia(WIDE);
    const close = () => wide.matches && dialogRef.current?.close();
    wide.addEventListener("change", close);
    return () => wide.removeEventListener("change", close);
  }, [open]);

  const onClosed = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={dialogId}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="rounded-md p-2 text-slate-700 hover:bg-slate-100 lg:hidden"
      >
        <LineIcon paths={ICONS.menu} />
        <span className="sr-only">{label}</span>
      </button>
      <dialog
        ref={dialogRef}
        id={dialogId}
        aria-label={label}
        onClose={onClosed}
        onClick={(event) => {
          // The dialog itself is hit only beside its panel (on the backdrop); a link inside leaves the page.
          const target = event.target as Element;
          if (target === event.currentTarget || target.closest("a")) event.currentTarget.close();
        }}
        className="m-0 h-dvh max-h-none w-[min(20rem,calc(100vw-3rem))] max-w-none bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 lg:hidden"
      >
        {open && (
          <div className="flex h-full flex-col">
            <div className="flex h-(--shell-top) shrink-0 items-center justify-between border-b border-slate-200 pr-3 pl-5">
              <p className="text-lg font-semibold text-brand-700">{title}</p>
              <button type="button" onClick={() => dialogRef.current?.close()} className="rounded-md p-2 text-slate-700 hover:bg-slate-100">
                <LineIcon paths={ICONS.close} />
                <span className="sr-only">{closeLabel}</span>
              </button>
            </div>
            {children}
          </div>
        )}
      </dialog>
    </>
  );
}
