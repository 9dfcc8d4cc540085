import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockCompanyMembership } from "@/db/locks";
import { type DatabaseHandle, type DatabaseOrTransaction, openPostgres } from "@/db/client";
import { groupMembers } from "@/db/schema";
import { env } from "@/base/env";
import { markRead } from "@/lib/chat/operations/mark-read";
import { postMessage } from "@/lib/chat/operations/post-message";
import { lockGroup } from "@/lib/group-access/lock";
import { setGroupLevel } from "@/lib/notifications/settings/operations/set-group-level";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { addMembers } from "./operations/add-members";

/** Fails, rather than hangs, when `work` waits for a lock it should never wait for. */
async function withoutWaiting<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} waited for the open membership write`)), 5000);
  });
  try {
    return await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `hold` in a transaction on `connection` and keeps it open until the returned `release` is
 * called: a membership write caught in the middle, holding what it holds.
 */
async function heldOpen(connection: DatabaseHandle, hold: (tx: DatabaseOrTransaction) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const done = connection.db.transaction(async (tx) => {
    await hold(tx);
    holding();
    await released;
  });
  await held;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/** Locks taken by membership writes against the people talking meanwhile: PostgreSQL, real connections. */
describe.runIf(env().testDatabaseUrl)("membership writes and the people around them (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let companyId: string;
  let admin: TestPerson;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    companyId = (await createCompany(handle.db, "Acme")).id;
    admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
  });
  afterAll(() => handle.close());

  it("a post, a read mark and a level setting commit while an add holds the group", async () => {
    const member = await createPerson(handle.db, companyId);
    const joining = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [member] });
    // What an add holds until it commits: the group's row lock, and the new member's row.
    const add = await heldOpen(handle.first, async (tx) => {
      await lockGroup(tx, admin, group.id, { manage: true });
      await tx.insert(groupMembers).values({ groupId: group.id, userId: joining.id, companyId, source: "individual" });
    });
    try {
      const db = handle.second.db;
      const posted = await withoutWaiting(
        "the post",
        postMessage(db, member, { groupId: group.id, operationId: opId(), kind: "note", body: "Still here" }),
      );
      expect(posted.result.body).toBe("Still here");
      await withoutWaiting("the read mark", markRead(db, member, { groupId: group.id, operationId: opId() }));
      await withoutWaiting("the setting", setGroupLevel(db, member, { groupId: group.id, level: "mentions", operationId: opId() }));
    } finally {
      await add.release();
    }
  });

  it("a deactivation waiting for an add in flight lets the company's other adds through, then finishes", async () => {
    const leaver = await createPerson(handle.db, companyId);
    const newcomer = await createPerson(handle.db, companyId);
    await createGroup(handle.db, admin, { members: [leaver] });
    const other = await createGroup(handle.db, admin);
    const inFlight = await heldOpen(handle.first, (tx) => lockCompanyMembership(tx, companyId, "membership-write").then(() => undefined));
    const third = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
    try {
      const deactivation = deactivatePerson(handle.second.db, admin, { personId: leaver.id, operationId: opId() });
      const added = await withoutWaiting(
        "another add",
        addMembers(third.db, admin, {
          groupId: other.id,
          selection: { mode: "people", userIds: [newcomer.id] },
          operationId: opId(),
        }),
      );
      expect(added.result).toMatchObject({ added: 1 });
      await inFlight.release();
      expect((await deactivation).result).toEqual({ groupsLeft: 1 });
    } finally {
      await third.close();
    }
  });

  it("a deactivation that finds the company busy past its wait gives up and holds nothing", async () => {
    const inFlight = await heldOpen(handle.first, (tx) => lockCompanyMembership(tx, companyId, "membership-write").then(() => undefined));
    try {
      const gotIt = await handle.second.db.transaction((tx) => lockCompanyMembership(tx, companyId, "deactivation", 300));
      expect(gotIt).toBe(false);
    } finally {
      await inFlight.release();
    }
    expect(await handle.second.db.transaction((tx) => lockCompanyMembership(tx, companyId, "deactivation", 300))).toBe(true);
  });
});
