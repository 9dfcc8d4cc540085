import { describe, expect, it } from "vitest";
import {
  groupAdminChannel,
  groupAdminChannelAt,
  groupChannel,
  groupChannelAt,
  parseChannel,
  parseTarget,
  resolveTargets,
  targetGroups,
  userChannel,
} from "./channels";

const id = "0b8a8a4e-5f0e-4c4e-9d55-2f1f1e2a3b4c";
const other = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

describe("channel names", () => {
  it("round-trips each kind, the group's with its epoch", () => {
    expect(parseChannel(userChannel(id))).toEqual({ kind: "user", userId: id });
    expect(parseChannel(groupChannelAt(id, 0))).toEqual({ kind: "group", groupId: id, epoch: 0 });
    expect(parseChannel(groupChannelAt(id, 17))).toEqual({ kind: "group", groupId: id, epoch: 17 });
    expect(parseChannel(groupAdminChannelAt(id, 3))).toEqual({ kind: "group-admin", groupId: id, epoch: 3 });
  });

  it("stays within Pusher's 164-character limit at the highest epoch", () => {
    expect(groupAdminChannelAt(id, 2_147_483_647).length).toBeLessThanOrEqual(164);
    expect(parseChannel(groupAdminChannelAt(id, 2_147_483_647))).toMatchObject({ epoch: 2_147_483_647 });
  });

  it.each([
    `private-user-${id}-x`,
    `x-private-user-${id}`,
    `private-user-${id.toUpperCase()}`,
    `presence-group-${id}`,
    "private-group-admin-",
    // A group channel without its epoch, or with one spelt another way, is no channel of ours.
    `private-group-${id}`,
    `private-group-admin-${id}`,
    `private-group-${id}-e`,
    `private-group-${id}-e01`,
    `private-group-${id}-e-1`,
    `private-group-${id}-e1.5`,
    `private-group-${id}-e2147483648`,
    `private-group-${id}-e12345678901`,
    `private-group-${id}-e1-e2`,
    // What publishers address is never a channel a browser may ask for.
    groupChannel(id),
    groupAdminChannel(id),
  ])("rejects %s", (name) => expect(parseChannel(name)).toBeNull());
});

describe("publishers' group targets", () => {
  it("are no channel names, and name their group", () => {
    expect(parseTarget(groupChannel(id))).toEqual({ kind: "group", groupId: id });
    expect(parseTarget(groupAdminChannel(id))).toEqual({ kind: "group-admin", groupId: id });
    expect(parseTarget(groupChannelAt(id, 1))).toBeNull();
    expect(parseTarget(userChannel(id))).toBeNull();
  });

  it("resolve to the channels of the current epoch; a group without one is dropped", () => {
    const events = [
      { channels: [groupChannel(id), groupAdminChannel(id), groupChannel(other)], event: "e", data: 1 },
      { channels: [userChannel(id)], event: "u", data: 2 },
      { channels: [groupChannel(other)], event: "gone", data: 3 },
    ];
    expect(targetGroups(events).sort()).toEqual([id, other].sort());
    expect(resolveTargets(events, new Map([[id, 4]]))).toEqual([
      { channels: [groupChannelAt(id, 4), groupAdminChannelAt(id, 4)], event: "e", data: 1 },
      { channels: [userChannel(id)], event: "u", data: 2 },
    ]);
  });
});
