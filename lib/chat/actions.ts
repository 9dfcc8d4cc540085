"use server";

import "server-only";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { requireGroupAccess } from "@/lib/group-access/access";
import { listEarlierReplies, listMessages, searchMentionable } from "./queries";
import { listEarlierRepliesSchema, listMessagesSchema, searchMentionableSchema } from "./schemas";
import { deleteMessage } from "./operations/delete-message";
import { editMessage } from "./operations/edit-message";
import { markAnswered } from "./operations/mark-answered";
import { postMessage } from "./operations/post-message";

// The chat changes live through realtime events and resync (app/api/groups/[id]/messages), so no page is revalidated here.

export const postMessageAction = operationAction(postMessage);
export const editMessageAction = operationAction(editMessage);
export const deleteMessageAction = operationAction(deleteMessage);
export const markAnsweredAction = operationAction(markAnswered);

export const loadOlderMessagesAction = authorizedAction(listMessagesSchema, async ({ groupId, before }, viewer) => ({
  data: await listMessages(companyDb(viewer), viewer, await requireGroupAccess(companyDb(viewer), viewer, groupId), { before }),
}));

export const loadEarlierRepliesAction = authorizedAction(listEarlierRepliesSchema, async ({ groupId, messageId, before }, viewer) => ({
  data: await listEarlierReplies(
    companyDb(viewer),
    viewer,
    await requireGroupAccess(companyDb(viewer), viewer, groupId),
    messageId,
    before,
  ),
}));

export const searchMentionableAction = authorizedAction(searchMentionableSchema, async ({ groupId, term }, viewer) => ({
  data: await searchMentionable(companyDb(viewer), viewer, groupId, term),
}));
