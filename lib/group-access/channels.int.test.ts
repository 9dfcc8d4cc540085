import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { canSubscribe } from "./channels";

let handle: TestDatabase;
let people: Record<"owner" | "member" | "outsider" | "admin" | "otherAdmin" | "otherMember", TestPerson>;
let groupId: string;
let otherGroupId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  const owner = await createPerson(db, acme.id);
  const member = await createPerson(db, acme.id);
  const outsider = await createPerson(db, acme.id);
  const admin = await createPerson(db, acme.id, { roles: ["admin"] });
  const otherAdmin = await createPerson(db, globex.id, { roles: ["admin"] });
  const otherMember = await createPerson(db, globex.id);
  people = { owner, member, outsider, admin, otherAdmin, otherMember };
  groupId = (await createGroup(db, owner, { members: [owner, member] })).id;
  otherGroupId = (await createGroup(db, otherAdmin, { members: [otherMember] })).id;
});
afterAll(() => handle.close());

// Written out by hand rather than derived from the code's own rules.
const groupMatrix: [keyof typeof people, boolean, boolean][] = [
  //  who          group  group-admin
  ["owner", true, false], // an owner without the admin role (a demoted owner) is a member like any other
  ["member", true, false],
  ["outsider", false, false],
  ["admin", true, true],
  ["otherAdmin", false, false],
  ["otherMember", false, false],
];

describe("channel authorization", () => {
  it.each(groupMatrix)("%s: group channel %s, admin channel %s", async (who, group, admin) => {
    const ctx = people[who];
    expect(await canSubscribe(handle.db, ctx, `private-group-${groupId}-e0`)).toBe(group);
    expect(await canSubscribe(handle.db, ctx, `private-group-admin-${groupId}-e0`)).toBe(admin);
  });

  it("lets a person subscribe to their own user channel only", async () => {
    const { member, admin, otherAdmin } = people;
    expect(await canSubscribe(handle.db, member, `private-user-${member.id}`)).toBe(true);
    expect(await canSubscribe(handle.db, admin, `private-user-${member.id}`)).toBe(false);
    expect(await canSubscribe(handle.db, otherAdmin, `private-user-${member.id}`)).toBe(false);
  });

  it("refuses another company's group to an admin and its own group to the other company", async () => {
    expect(await canSubscribe(handle.db, people.admin, `private-group-${otherGroupId}-e0`)).toBe(false);
    expect(await canSubscribe(handle.db, people.otherMember, `private-group-${otherGroupId}-e0`)).toBe(true);
  });

  it.each([
    "presence-group-x",
    "private-group-not-a-uuid",
    "public-channel",
    "",
    "private-user-",
    "private-group-00000000-0000-0000-0000-000000000000-e0",
  ])("refuses the channel %j", async (name) => {
    expect(await canSubscribe(handle.db, people.admin, name)).toBe(false);
  });
});
