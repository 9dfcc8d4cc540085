import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { DefaultNotificationSettings } from "@/components/notifications/settings/default-notification-settings";
import { ProfileForm } from "@/components/profile/profile-form";
import { SignOutEverywhere } from "@/components/profile/sign-out-everywhere";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { PROFILE_LOCALES, timeZones } from "@/lib/i18n/locales";
import { getDefaultLevel } from "@/lib/notifications/settings/queries";
import { getProfile } from "@/lib/profile/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

/** A language's name in that language itself, so people find their own whatever the interface shows. */
const languageName = (locale: string) => new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;

/** Everyone's own profile: their details, their password, and their default for group chat notifications. */
export default async function ProfilePage() {
  const viewer = await requireViewer();
  const db = companyDb(viewer);
  const [profile, notificationLevel, t, tn, format] = await Promise.all([
    getProfile(db, viewer),
    getDefaultLevel(db, viewer),
    getTranslations("profile"),
    getTranslations("notificationSettings"),
    getFormatter(),
  ]);
  const now = format.dateTime(new Date(), {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return (
    <div className="space-y-10">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section aria-labelledby="profile-details" className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="profile-details" className="text-lg font-semibold">
          {t("details.title")}
        </h2>
        <dl>
          <dt className="text-sm font-medium text-slate-900">{t("details.email")}</dt>
          <dd className="mt-1 text-sm break-all text-slate-700">{profile.email}</dd>
          <dd className="mt-1 text-xs text-slate-600">{t("details.emailHint")}</dd>
        </dl>
        <ProfileForm
          name={profile.name}
          timeZone={profile.timeZone ?? ""}
          locale={profile.locale ?? ""}
          companyTimeZone={profile.companyTimeZone}
          companyLocaleLabel={languageName(profile.companyLocale)}
          timeZones={timeZones()}
          locales={PROFILE_LOCALES.map((value) => ({ value, label: languageName(value) }))}
          now={t("now", { now })}
        />
      </section>
      <section
        id="password"
        aria-labelledby="profile-password"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
      >
        <h2 id="profile-password" className="text-lg font-semibold">
          {t("password.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("password.intro")}</p>
        <ChangePasswordForm />
      </section>
      <section
        id="sessions"
        aria-labelledby="profile-sessions"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
      >
        <h2 id="profile-sessions" className="text-lg font-semibold">
          {t("sessions.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("sessions.intro")}</p>
        <SignOutEverywhere />
      </section>
      <section
        id="notifications"
        aria-labelledby="profile-notifications"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
      >
        <h2 id="profile-notifications" className="text-lg font-semibold">
          {tn("defaultTitle")}
        </h2>
        <DefaultNotificationSettings level={notificationLevel} />
      </section>
    </div>
  );
}
