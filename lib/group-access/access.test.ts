import { describe, expect, it } from "vitest";
import type { GroupAccess } from "./access";

/**
 * A `GroupAccess` comes from `getGroupAccess` alone. These lines are checked by the compiler
 * (`tsc --noEmit`): each `@ts-expect-error` fails the type check the day its forgery compiles.
 */
function forgeries(access: GroupAccess): GroupAccess[] {
  // @ts-expect-error A copy with a right changed keeps no brand.
  const widened: GroupAccess = { ...access, canRead: true };
  // @ts-expect-error Neither does a copy of all of it.
  const copied: GroupAccess = { ...access };
  // @ts-expect-error Nor an object written by hand.
  const handWritten: GroupAccess = { groupId: access.groupId, canRead: true };
  // The access itself is handed on as it is.
  const handedOn: GroupAccess = access;
  return [widened, copied, handWritten, handedOn];
}

describe("GroupAccess", () => {
  it("is made by getGroupAccess alone (the forgeries above do not compile)", () => {
    expect(forgeries).toBeTypeOf("function");
  });
});
