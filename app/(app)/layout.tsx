import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ReconnectingBanner } from "@/components/realtime/reconnecting-banner";
import { AppShell } from "@/components/shell/app-shell";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { loadBell } from "@/lib/bell/queries";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const bell = await loadBell(companyDb(viewer), viewer);
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <AppShell viewer={viewer} bell={<NotificationBell userId={viewer.userId} initial={bell} />}>
        <ReconnectingBanner />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8 lg:px-8">
          {children}
        </main>
      </AppShell>
    </RealtimeProvider>
  );
}
