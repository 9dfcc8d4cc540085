import { getNow } from "next-intl/server";
import { ActivityTab } from "@/components/feed/activity-tab";
import { companyDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { openTab } from "../../tabs";
import { readActivityTab } from "./load";

export default async function ActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await openTab((await params).id, "activity");
  const [{ feed, channelEpoch }, now] = await Promise.all([readActivityTab(companyDb(page.viewer), page), getNow()]);
  return (
    <ActivityTab
      groupId={page.group.id}
      channelEpoch={channelEpoch}
      course={page.group.courseId && page.group.courseTitle ? { id: page.group.courseId, title: page.group.courseTitle } : null}
      initial={feed}
      renderedAt={now.getTime()}
      viewerId={page.viewer.userId}
      canOpenAnyCertificate={can(page.viewer, "learning.viewOthers")}
    />
  );
}
