import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthPage } from "@/components/auth/auth-page";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DEMO_PASSWORD, demoAccounts } from "@/db/seed/accounts";
import { getViewer } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

type Params = { callbackUrl?: string; passwordSet?: string; email?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (await getViewer()) redirect("/");
  const { callbackUrl, passwordSet, email } = await searchParams;
  const t = await getTranslations("signIn");
  const demo = env().showDemoAccounts ? demoAccounts : [];
  return (
    <AuthPage title={t("title")}>
      <SignInForm
        callbackUrl={callbackUrl ?? "/"}
        initialEmail={typeof email === "string" ? email : ""}
        passwordSet={passwordSet === "1"}
        demoAccounts={demo}
        demoPassword={demo.length ? DEMO_PASSWORD : null}
      />
    </AuthPage>
  );
}
