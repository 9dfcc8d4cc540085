import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DEMO_PASSWORD, demoAccounts } from "@/db/seed/accounts";
import { getViewer } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getViewer()) redirect("/");
  const { callbackUrl } = await searchParams;
  const t = await getTranslations("signIn");
  const demo = env().showDemoAccounts ? demoAccounts : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
      <SignInForm callbackUrl={callbackUrl ?? "/"} demoAccounts={demo} demoPassword={demo.length ? DEMO_PASSWORD : null} />
    </main>
  );
}
