"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { signInAction, type SignInState } from "@/lib/auth/actions";

type DemoAccount = { email: string; name: string; description: string };

export function SignInForm({
  callbackUrl,
  demoAccounts,
  demoPassword,
}: {
  callbackUrl: string;
  demoAccounts: DemoAccount[];
  demoPassword: string | null;
}) {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const fillDemo = (email: string) => {
    if (emailRef.current) emailRef.current.value = email;
    if (passwordRef.current && demoPassword) passwordRef.current.value = demoPassword;
    passwordRef.current?.focus();
  };

  return (
    <>
      <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        {state.error && (
          <p role="alert" aria-label={t("invalidCredentials")} className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("invalidCredentials")}
          </p>
        )}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            {t("email")}
          </label>
          <input
            ref={emailRef}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state.email}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            {t("password")}
          </label>
          <input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {demoAccounts.length > 0 && demoPassword && (
        <section aria-labelledby="demo-accounts" className="mt-8">
          <h2 id="demo-accounts" className="text-sm font-semibold text-slate-700">
            {t("demoTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("demoHint", { password: demoPassword })}</p>
          <ul className="mt-3 space-y-1">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  onClick={() => fillDemo(account.email)}
                  aria-label={t("useAccount", { email: account.email })}
                  className="w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100"
                >
                  <span className="font-medium">{account.name}</span> <span className="text-slate-600">· {account.email}</span>
                  <span className="block text-xs text-slate-600">{account.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
