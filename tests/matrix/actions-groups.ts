import { eq } from "drizzle-orm";
import { learningGroups } from "@/db/schema";
import { opId } from "../fixtures";
import { type ActionCases, rightful } from "./cases";

/**
 * Groups and their members. A private group is its owner's: the admin who owns nothing is refused
 * its management (and takes ownership first). Calls that change or end a group get one of their own.
 */

const notManager = { nonOwnerAdmin: "forbidden" } as const;

export const groupActions: ActionCases = {
  "lib/groups/actions.ts": {
    createGroupAction: {
      as: "owner",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ name: "Matrix wave", operationId: opId() }),
    },
    updateGroupAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) =>
        rightful({ groupId: (await cast.group()).id, name: "Renamed wave", visibility: "private", operationId: opId() }),
    },
    archiveGroupAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) => rightful({ groupId: (await cast.group()).id, operationId: opId() }),
    },
    restoreGroupAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) => {
        const { id } = await cast.group();
        await cast.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, id));
        return rightful({ groupId: id, operationId: opId() });
      },
    },
    deleteGroupAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) => {
        const { id, name } = await cast.group();
        return rightful({ groupId: id, confirmName: name, operationId: opId() });
      },
    },
    takeOwnershipAction: {
      as: "admin",
      prepare: async (cast) => rightful({ groupId: (await cast.group()).id, operationId: opId() }),
    },
    searchGroupOptionsAction: {
      as: "owner",
      permission: "group.list",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ term: "", includeArchived: true, exceptGroupId: cast.privateGroupId }),
    },
  },
  "lib/membership/actions.ts": {
    searchPeopleAction: {
      as: "owner",
      permission: "group.list",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ term: "Mi" }),
    },
    previewAddMembersAction: {
      as: "owner",
      permission: "group.manageMembers",
      refuses: notManager,
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId, selection: { mode: "people", userIds: [cast.learner.id] } }),
    },
    addMembersAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) =>
        rightful({ groupId: (await cast.group()).id, selection: { mode: "people", userIds: [cast.learner.id] }, operationId: opId() }),
    },
    removeMembersAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) => rightful({ groupId: (await cast.group()).id, userIds: [cast.member.id], operationId: opId() }),
    },
    moveMembersAction: {
      as: "owner",
      refuses: notManager,
      prepare: async (cast) => {
        const [from, to] = [await cast.group(), await cast.group()];
        return rightful({ groupId: from.id, targetGroupId: to.id, userIds: [cast.member.id], operationId: opId() });
      },
    },
    joinGroupAction: {
      // A public group is anyone's of the company to join: only the other company and the signed-out are refused.
      as: "learner",
      allows: ["nonOwnerAdmin", "removedMember", "hr"],
      prepare: async (cast) => rightful({ groupId: (await cast.group("public")).id, operationId: opId() }),
    },
    leaveGroupAction: {
      // Leaving a group one is not in changes nothing: whoever else sends it leaves nothing.
      as: "member",
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      prepare: async (cast) => rightful({ groupId: (await cast.group("public")).id, operationId: opId() }),
    },
  },
  "lib/group-access/actions.ts": {
    channelEpochAction: {
      as: "member",
      permission: null,
      refuses: { learner: "not_found", removedMember: "not_found", hr: "not_found" },
      allows: ["nonOwnerAdmin"],
      notFound: { ok: true, data: null },
      prepare: async (cast) => rightful({ groupId: cast.privateGroupId }),
    },
  },
};
