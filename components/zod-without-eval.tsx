"use client";

import { z } from "zod";

// The Content-Security-Policy (proxy.ts) allows no eval, so zod's probe for `new Function` (its faster
// parsers) is refused and reported as a violation on every page that validates a form; zod falls back
// to the same parsers jitless mode uses, so ask for those outright. In the browser only: the server keeps them.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered once by the root layout, so the setting above runs before any form validates. */
export function ZodWithoutEval(): null {
  return null;
}
