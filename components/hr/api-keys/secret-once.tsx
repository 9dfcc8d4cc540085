"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";

/** The new key with a Copy button and the warning that it is never shown again. */
export function SecretOnce({ secret }: { secret: string }) {
  const t = useTranslations("apiKeys");
  const id = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch (error) {
      // The browser refused the clipboard (no permission, no focus): the person copies by hand.
      if (!(error instanceof DOMException)) throw error;
      setCopy("failed");
    }
  };
  return (
    <div className="space-y-3">
      <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {t("createdWarning")}
      </p>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {t("secretLabel")}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={secret} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono`} />
        <Button onClick={copySecret}>{copy === "copied" ? t("copied") : t("copy")}</Button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {copy === "failed" ? t("copyFailed") : copy === "copied" ? t("copied") : ""}
      </p>
    </div>
  );
}
