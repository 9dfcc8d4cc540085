"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { signInAction, type SignInState } from "@/lib/auth/actions";
import { authCardClass, authLinkClass } from "./auth-page";

type DemoAccount = { email: string; name: string; description: string };

/** "Try again in 8 seconds" for an account's short delay, in minutes for a lock. */
function throttledMessage(t: ReturnType<typeof useTranslations<"accounts.signIn">>, seconds: number): string {
  return seconds < 60 ? t("throttledSeconds", { seconds }) : t("throttled", { minutes: Math.ceil(seconds / 60) });
}

export function SignInForm({
  callbackUrl,
  initialEmail,
  passwordSet,
  signedOutSessions,
  demoAccounts,
  demoPassword,
}: {
  callbackUrl: string;
  initialEmail: string;
  /** Arrived here from choosing a password with a mailed link. */
  passwordSet: boolean;
  /** Arrived here from "Sign out everywhere": how many sessions it ended. */
  signedOutSessions: number | null;
  demoAccounts: DemoAccount[];
  demoPassword: string | null;
}) {
  const t = useTranslations("signIn");
  const ta = useTranslations("accounts.signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { error: null, email: initialEmail });
  const error = state.error === "throttled" ? throttledMessage(ta, state.seconds ?? 1) : state.error ? t("invalidCredentials") : null;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const fillDemo = (email: string) => {
    if (emailRef.current) emailRef.current.value = email;
    if (passwordRef.current && demoPassword) passwordRef.current.value = demoPassword;
    passwordRef.current?.focus();
  };

  return (
    <>
      <form action={formAction} className={authCardClass} noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        {passwordSet && !state.error && (
          <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {ta("passwordSet")}
          </p>
        )}
        {signedOutSessions !== null && !state.error && (
          <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {ta("signedOutEverywhere", { count: signedOutSessions })}
          </p>
        )}
        {error && (
          <p role="alert" aria-label={error} className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
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
        <p className="text-center text-sm">
          <Link href="/forgot-password" className={authLinkClass}>
            {ta("forgotPassword")}
          </Link>
        </p>
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
