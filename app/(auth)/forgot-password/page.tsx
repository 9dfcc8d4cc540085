import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/accounts/forgot-password-form";
import { AuthPage } from "@/components/auth/auth-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.forgotPassword"))("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("accounts.forgotPassword");
  return (
    <AuthPage title={t("title")}>
      <ForgotPasswordForm />
    </AuthPage>
  );
}
