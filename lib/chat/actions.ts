"use server";

import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { listMessages, markRead, messagesSince, searchMentionable } from "./queries";
import {
  editMessageSchema,
  groupIdSchema,
  listMessagesSchema,
  messageOperationSchema,
  messagesSinceSchema,
  postMessageSchema,
  searchMentionableSchema,
} from "./schemas";
import { deleteMessage, editMessage, markAnswered, postMessage } from "./service";

// The chat changes live through realtime events and resync, so no page is revalidated here.

export const postMessageAction = authorizedAction(postMessageSchema, async (input, viewer) => {
  const { result, ...delivery } = await postMessage(getDb(), viewer, input);
  return { data: result, ...delivery };
});

export const editMessageAction = authorizedAction(editMessageSchema, async (input, viewer) => {
  const { result, ...delivery } = await editMessage(getDb(), viewer, input);
  return { data: result, ...delivery };
});

export const deleteMessageAction = authorizedAction(messageOperationSchema, async (input, viewer) => {
  const { result, ...delivery } = await deleteMessage(getDb(), viewer, input);
  return { data: result, ...delivery };
});

export const markAnsweredAction = authorizedAction(messageOperationSchema, async (input, viewer) => {
  const { result, ...delivery } = await markAnswered(getDb(), viewer, input);
  return { data: result, ...delivery };
});

export const loadOlderMessagesAction = authorizedAction(listMessagesSchema, async ({ groupId, before }, viewer) => ({
  data: await listMessages(getDb(), viewer, groupId, { before }),
}));

export const resyncMessagesAction = authorizedAction(messagesSinceSchema, async ({ groupId, seq }, viewer) => ({
  data: await messagesSince(getDb(), viewer, groupId, seq),
}));

export const searchMentionableAction = authorizedAction(searchMentionableSchema, async ({ groupId, term }, viewer) => ({
  data: await searchMentionable(getDb(), viewer, groupId, term),
}));

export const markReadAction = authorizedAction(groupIdSchema, async ({ groupId }, viewer) => ({
  data: await markRead(getDb(), viewer, groupId),
}));
