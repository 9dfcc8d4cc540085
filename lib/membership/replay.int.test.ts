import { afterAll, beforeAll, describe, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { expectOnce } from "@/tests/replay";
import { joinGroup } from "./operations/join-group";
import { leaveGroup } from "./operations/leave-group";
import { addMembers } from "./operations/add-members";
import { moveMembers } from "./operations/move-members";
import { removeMembers } from "./operations/remove-members";

let handle: TestDatabase;
let admin: TestPerson;
let companyId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

const person = () => createPerson(handle.db, companyId);

/** Each operation with fresh data of its own: who calls it, and the call for an operation id. */
const cases: [string, () => Promise<{ caller: TestPerson; call: Parameters<typeof expectOnce>[2] }>][] = [
  [
    "membership.add",
    async () => {
      const [group, newcomer] = await Promise.all([createGroup(handle.db, admin), person()]);
      const selection = { mode: "people" as const, userIds: [newcomer.id] };
      return { caller: admin, call: (operationId) => addMembers(handle.db, admin, { groupId: group.id, selection, operationId }) };
    },
  ],
  [
    "membership.remove",
    async () => {
      const member = await person();
      const group = await createGroup(handle.db, admin, { members: [member] });
      return {
        caller: admin,
        call: (operationId) => removeMembers(handle.db, admin, { groupId: group.id, userIds: [member.id], operationId }),
      };
    },
  ],
  [
    "membership.move",
    async () => {
      const member = await person();
      const [from, to] = await Promise.all([createGroup(handle.db, admin, { members: [member] }), createGroup(handle.db, admin)]);
      return {
        caller: admin,
        call: (operationId) => moveMembers(handle.db, admin, { groupId: from.id, targetGroupId: to.id, userIds: [member.id], operationId }),
      };
    },
  ],
  [
    "membership.join",
    async () => {
      const [group, joiner] = await Promise.all([createGroup(handle.db, admin, { visibility: "public" }), person()]);
      return { caller: joiner, call: (operationId) => joinGroup(handle.db, joiner, { groupId: group.id, operationId }) };
    },
  ],
  [
    "membership.leave",
    async () => {
      const leaver = await person();
      const group = await createGroup(handle.db, admin, { visibility: "public", members: [leaver] });
      return { caller: leaver, call: (operationId) => leaveGroup(handle.db, leaver, { groupId: group.id, operationId }) };
    },
  ],
];

describe("a resubmission never duplicates work", () => {
  it.each(cases)("%s: the same operation id twice, one effect", async (_, setup) => {
    const { caller, call } = await setup();
    await expectOnce(handle.db, caller.companyId, call);
  });
});
