"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** Unexpected errors: the details are in the server log under the digest; the person gets a way on. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t("pageTitle")}</h1>
      <p className="mt-3 text-slate-600">{t("pageBody")}</p>
      {error.digest && <p className="mt-2 text-sm text-slate-500">{t("unexpected", { requestId: error.digest })}</p>}
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {t("tryAgain")}
        </button>
        <Link href="/" className="px-4 py-2 font-medium text-brand-700 underline">
          {t("backHome")}
        </Link>
      </div>
    </main>
  );
}
