"use client";

import { type ComponentProps, type ReactNode, useState } from "react";
import { Button } from "./button";

/** A button that opens a dialog; the dialog is rendered only while open and gets a way to close itself. */
export function DialogButton({
  label,
  variant,
  disabled = false,
  children,
}: {
  label: ReactNode;
  variant?: ComponentProps<typeof Button>["variant"];
  disabled?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && children(() => setOpen(false))}
    </>
  );
}
