import { ChatTab } from "@/components/chat/chat-tab";
import { companyDb } from "@/db/client";
import { isAdmin } from "@/lib/auth/viewer";
import { hasOwnerRights } from "@/lib/permissions";
import { type SearchParams, uuidParam } from "../../../../search-params";
import { openTab } from "../../tabs";
import { readChatTab } from "./load";

export default async function ChatPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const page = await openTab((await params).id, "chat");
  const { viewer, group } = page;
  const { message } = await searchParams;
  const { messages, channelEpoch, linked } = await readChatTab(companyDb(page.viewer), page, uuidParam(message));
  return (
    <ChatTab
      // A link to another message of the same chat opens the chat anew, at that message.
      key={`${group.id}:${linked?.messageId ?? ""}`}
      groupId={group.id}
      channelEpoch={channelEpoch}
      viewer={{ id: viewer.userId, name: viewer.name, isAdmin: isAdmin(viewer), isOwner: hasOwnerRights(viewer, group) }}
      archived={group.archivedAt !== null}
      initial={messages}
      linked={linked && { messageId: linked.messageId, threadId: linked.threadId }}
    />
  );
}
