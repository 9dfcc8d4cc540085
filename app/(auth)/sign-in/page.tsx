import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { DEMO_PASSWORD, demoAccounts } from "@/db/seed/accounts";
import { getViewer } from "@/lib/auth/current-user";
import { isSsoRefusal } from "@/lib/auth/sso";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await getViewer()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const t = await getTranslations("signIn");
  const tSso = await getTranslations("sso");
  const sso = env().oidc;
  // Auth.js sends its own failures here as `?error=<Name>`; our refusals carry their own `sso_` codes.
  const ssoError = sso && error ? tSso(isSsoRefusal(error) ? `errors.${error}` : "errors.failed") : null;
  const demo = env().showDemoAccounts ? demoAccounts : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
      {ssoError && (
        <p role="alert" aria-label={ssoError} className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {ssoError}
        </p>
      )}
      {sso && <SsoSignIn providerName={sso.displayName} callbackUrl={callbackUrl ?? "/"} />}
      <SignInForm callbackUrl={callbackUrl ?? "/"} demoAccounts={demo} demoPassword={demo.length ? DEMO_PASSWORD : null} />
    </main>
  );
}
