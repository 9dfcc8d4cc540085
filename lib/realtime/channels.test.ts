import { describe, expect, it } from "vitest";
import { groupAdminChannel, groupChannel, parseChannel, userChannel } from "./channels";

const id = "0b8a8a4e-5f0e-4c4e-9d55-2f1f1e2a3b4c";

describe("channel names", () => {
  it("round-trips each kind", () => {
    expect(parseChannel(userChannel(id))).toEqual({ kind: "user", userId: id });
    expect(parseChannel(groupChannel(id))).toEqual({ kind: "group", groupId: id });
    expect(parseChannel(groupAdminChannel(id))).toEqual({ kind: "group-admin", groupId: id });
  });

  it("stays within Pusher's 164-character limit", () => {
    expect(groupAdminChannel(id).length).toBeLessThanOrEqual(164);
  });

  it.each([`private-user-${id}-x`, `x-private-user-${id}`, `private-user-${id.toUpperCase()}`, `presence-group-${id}`, "private-group-admin-"])(
    "rejects %s",
    (name) => expect(parseChannel(name)).toBeNull(),
  );
});
