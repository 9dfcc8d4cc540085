import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ReconnectingBanner } from "@/components/realtime/reconnecting-banner";
import { AppHeader } from "@/components/shell/app-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { loadBell } from "@/lib/bell/queries";
import { can } from "@/lib/permissions";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const [bell, t] = await Promise.all([loadBell(companyDb(viewer), viewer), getTranslations("app")]);
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <AppHeader
        viewerName={viewer.name}
        companyName={viewer.companyName}
        showGroupAdmin={can(viewer, "group.list")}
        showPeople={can(viewer, "people.list")}
        showDepartmentAdmin={can(viewer, "department.list")}
        showCourseAdmin={can(viewer, "course.import")}
        showReports={can(viewer, "reports.view")}
        showAssignmentAdmin={can(viewer, "assignment.overview")}
        showHr={can(viewer, "hr.forms")}
        showApiKeys={can(viewer, "apiKeys.manage")}
      >
        <NotificationBell userId={viewer.userId} initial={bell} />
      </AppHeader>
      <ReconnectingBanner />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </RealtimeProvider>
  );
}
