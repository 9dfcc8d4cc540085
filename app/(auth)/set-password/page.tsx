import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SetPasswordForm } from "@/components/accounts/set-password-form";
import { AuthPage, authCardClass, authLinkClass } from "@/components/auth/auth-page";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { inspectToken, linkErrorCode, type TokenInfo } from "@/lib/account-links/tokens";

export async function generateMetadata(): Promise<Metadata> {
  // The token is in this page's address: no other site may see it in a Referer header.
  return { title: (await getTranslations("accounts.setPassword"))("resetTitle"), referrer: "no-referrer" };
}

const INVALID: TokenInfo = { state: "invalid", purpose: null, email: null };

/** Where a mailed link (invitation or password reset) lands: the form while the link works, else why not and what next. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const info = typeof token === "string" && token.length > 0 && token.length < 100 ? await inspectToken(getDb(), token) : INVALID;
  const t = await getTranslations();

  if (info.state === "valid" && token && info.email) {
    return (
      <AuthPage title={info.purpose === "invitation" ? t("accounts.setPassword.invitationTitle") : t("accounts.setPassword.resetTitle")}>
        <SetPasswordForm token={token} email={info.email} />
      </AuthPage>
    );
  }
  return (
    <AuthPage title={t("accounts.setPassword.invalidTitle")}>
      <div className={authCardClass}>
        <p className="text-sm text-slate-800">{t(linkErrorCode(info.state))}</p>
        <div className="flex flex-wrap items-center gap-4">
          <Link href="/forgot-password" className={buttonClass("primary")}>
            {t("accounts.setPassword.requestNew")}
          </Link>
          <Link href="/sign-in" className={`${authLinkClass} text-sm`}>
            {t("accounts.setPassword.backToSignIn")}
          </Link>
        </div>
      </div>
    </AuthPage>
  );
}
