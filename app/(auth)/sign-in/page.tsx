import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthPage } from "@/components/auth/auth-page";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { DEMO_PASSWORD, demoAccounts } from "@/scripts/seed/accounts";
import { getViewer } from "@/lib/auth/current-user";
import { isSsoRefusal } from "@/lib/auth/sso";
import { env } from "@/base/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

type Params = { callbackUrl?: string; passwordSet?: string; email?: string; error?: string; signedOut?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (await getViewer()) redirect("/");
  const { callbackUrl, passwordSet, email, error, signedOut } = await searchParams;
  const t = await getTranslations("signIn");
  const tSso = await getTranslations("sso");
  const sso = env().oidc;
  // Auth.js sends its own failures here as `?error=<Name>`; our refusals carry their own `sso_` codes.
  const ssoError = sso && error ? tSso(isSsoRefusal(error) ? `errors.${error}` : "errors.failed") : null;
  const demo = env().showDemoAccounts ? demoAccounts : [];
  return (
    <AuthPage title={t("title")}>
      {ssoError && (
        <p role="alert" aria-label={ssoError} className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {ssoError}
        </p>
      )}
      {sso && <SsoSignIn providerName={sso.displayName} callbackUrl={callbackUrl ?? "/"} />}
      <SignInForm
        callbackUrl={callbackUrl ?? "/"}
        initialEmail={typeof email === "string" ? email : ""}
        passwordSet={passwordSet === "1"}
        signedOutSessions={typeof signedOut === "string" && /^\d{1,6}$/.test(signedOut) ? Number(signedOut) : null}
        demoAccounts={demo}
        demoPassword={demo.length ? DEMO_PASSWORD : null}
      />
    </AuthPage>
  );
}
