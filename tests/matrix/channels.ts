import { currentEpochs } from "@/lib/realtime/epochs";
import { type ChannelRef, groupAdminChannelAt, groupChannelAt, userChannel } from "@/lib/realtime/channels";
import type { Cast, Guard } from "../attackers";

/** One kind of channel: the name a rightful subscriber asks for, and who else is refused it. */
export type ChannelCase = Guard & { channel: (cast: Cast) => Promise<string> };

const notReaders = { learner: "forbidden", removedMember: "forbidden", hr: "forbidden" } as const;

/** A group's channel is asked for at its current epoch, as a page does. */
const epochOf = async (cast: Cast, groupId: string) => (await currentEpochs(cast.db, [groupId])).get(groupId) ?? 0;

export const channelCases: Record<ChannelRef["kind"], ChannelCase> = {
  // Each person's own: their notifications, their assignments.
  user: {
    as: "member",
    refuses: { ...notReaders, nonOwnerAdmin: "forbidden" },
    channel: async (cast) => userChannel(cast.member.id),
  },
  group: {
    as: "member",
    refuses: notReaders,
    allows: ["nonOwnerAdmin"],
    channel: async (cast) => groupChannelAt(cast.privateGroupId, await epochOf(cast, cast.privateGroupId)),
  },
  // The figures' live updates: the owner and the company's admins, as the Statistics tab.
  "group-admin": {
    as: "owner",
    refuses: notReaders,
    allows: ["nonOwnerAdmin"],
    channel: async (cast) => groupAdminChannelAt(cast.privateGroupId, await epochOf(cast, cast.privateGroupId)),
  },
};
