import { notifications } from "@/db/schema";
import { postMessage } from "@/lib/chat/operations/post-message";
import type { Cast } from "../attackers";
import { opId } from "../fixtures";
import { type ActionCases, rightful } from "./cases";

/**
 * What a group's readers do (its members and the company's admins): its chat, its feed, their
 * notification level. Everyone else of the company is refused as though the group did not exist.
 * A person's own notifications and settings are theirs alone.
 */

const notReaders = { learner: "not_found", removedMember: "not_found", hr: "not_found" } as const;

/** A member's question in the private group, as they would ask it. */
const question = async (cast: Cast) =>
  (
    await postMessage(cast.db, cast.member, {
      groupId: cast.privateGroupId,
      kind: "question",
      body: "Where is the handbook?",
      operationId: opId(),
    })
  ).result.id;

export const chatActions: ActionCases = {
  "lib/chat/actions.ts": {
    postMessageAction: {
      as: "member",
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId, kind: "note", body: "Hello, wave", operationId: opId() }),
    },
    editMessageAction: {
      as: "member",
      refuses: { ...notReaders, nonOwnerAdmin: "forbidden" },
      prepare: async (cast) => rightful({ messageId: await question(cast), body: "Where is the new handbook?", operationId: opId() }),
    },
    deleteMessageAction: {
      // The author, and the admins who moderate.
      as: "member",
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ messageId: await question(cast), operationId: opId() }),
    },
    markAnsweredAction: {
      as: "owner",
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ messageId: await question(cast), operationId: opId() }),
    },
    loadOlderMessagesAction: {
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId }),
    },
    loadEarlierRepliesAction: {
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({
          groupId: cast.privateGroupId,
          messageId: await question(cast),
          before: { createdAt: new Date().toISOString(), id: opId() },
        }),
    },
    searchMentionableAction: {
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId, term: "O" }),
    },
  },
  "lib/feed/actions.ts": {
    listFeedAction: {
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId, before: null }),
    },
    listFeedSinceAction: {
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({
          groupId: cast.privateGroupId,
          after: { createdAt: "2026-01-01T00:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" },
        }),
    },
  },
  "lib/bell/actions.ts": {
    listNotificationsAction: {
      // Everyone's own list: another company's reads theirs, with nothing of this one's in it.
      as: "member",
      permission: null,
      names: false,
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async () => rightful({ cursor: null }),
    },
  },
  "lib/notifications/actions.ts": {
    markNotificationReadAction: {
      // Someone else's notification does not exist for them.
      as: "member",
      refuses: { ...notReaders, nonOwnerAdmin: "not_found" },
      prepare: async (cast) => {
        const key = opId();
        await cast.db.insert(notifications).values({
          companyId: cast.companyId,
          userId: cast.member.id,
          key,
          type: "group.added",
          payload: { groupName: "Wave", actorName: "Olga Owner" },
        });
        return rightful({ key, operationId: opId() });
      },
    },
    markAllNotificationsReadAction: {
      as: "member",
      names: false,
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async () => rightful({ operationId: opId() }),
    },
  },
  "lib/notifications/settings/actions.ts": {
    setGroupLevelAction: {
      as: "member",
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId, level: "mentions", operationId: opId() }),
    },
    setDefaultLevelAction: {
      as: "member",
      names: false,
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async () => rightful({ level: "mentions", operationId: opId() }),
    },
  },
};
