import { ChatTab } from "@/components/chat/chat-tab";
import { companyDb } from "@/db/client";
import { isAdmin } from "@/lib/auth/viewer";
import { hasOwnerRights } from "@/lib/permissions";
import { openTab } from "../../tabs";
import { readChatTab } from "./load";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await openTab((await params).id, "chat");
  const { viewer, group } = page;
  const { messages, channelEpoch } = await readChatTab(companyDb(page.viewer), page);
  return (
    <ChatTab
      key={group.id}
      groupId={group.id}
      channelEpoch={channelEpoch}
      viewer={{ id: viewer.userId, name: viewer.name, isAdmin: isAdmin(viewer), isOwner: hasOwnerRights(viewer, group) }}
      archived={group.archivedAt !== null}
      initial={messages}
    />
  );
}
