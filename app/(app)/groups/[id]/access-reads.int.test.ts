import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { getGroupAccess } from "@/lib/group-access/access";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson } from "@/tests/fixtures";
import { readActivityTab } from "./(tabs)/activity/load";
import { readChatTab } from "./(tabs)/chat/load";
import { readFrame } from "./(tabs)/frame";
import { readHistoryTab } from "./(tabs)/history/load";
import { readMembersTab } from "./(tabs)/members/load";
import { readStatisticsTab } from "./(tabs)/statistics/load";
import { type ReadablePage, readGroupPage } from "./load";
import type { GroupTab } from "./tabs";

/**
 * One request to a tab of the group page reads the group's access once: `readGroupPage` (the layout's
 * check, cached per request) reads it, and the layout's frame and the tab's loader, the same functions
 * the routes call, hand it on to every read they make. Statements are counted at the driver; the
 * access statement is recognised by its own text, recorded from `getGroupAccess` itself for the
 * same viewer (the text depends on their roles).
 */

let handle: TestDatabase;
let statements: string[] | null = null;
let admin: Viewer;
let learner: Viewer;
let outsider: Viewer;
let groupId: string;

async function viewer(userId: string): Promise<Viewer> {
  return (await loadViewer(handle.db, userId))!;
}

/** The SQL texts the work sent to the database. */
async function record(work: (db: Database) => Promise<unknown>): Promise<string[]> {
  statements = [];
  const seen = statements;
  try {
    await work(handle.db);
    return seen;
  } finally {
    statements = null;
  }
}

const loaders: Record<GroupTab, (db: Database, page: ReadablePage) => Promise<unknown>> = {
  activity: (db, page) => readActivityTab(db, page),
  chat: (db, page) => readChatTab(db, page, null),
  members: (db, page) => readMembersTab(db, page, { search: "", page: 1 }),
  history: (db, page) => readHistoryTab(db, page, { page: 1 }),
  statistics: (db, page) => readStatisticsTab(db, page, {}),
};

/** What one request to `/groups/[id]/<tab>` reads: the page (once, cached), the layout's frame and the tab. */
function request(who: Viewer, tab: GroupTab) {
  return async (db: Database) => {
    const page = await readGroupPage(db, who, groupId);
    if (page?.kind !== "group") throw new Error("not a reader");
    await Promise.all([readFrame(db, page), loaders[tab](db, page)]);
  };
}

/** How many of the statements read the viewer's access: the text depends on the viewer's roles, so it is recorded for each. */
async function accessReads(who: Viewer, texts: string[]): Promise<number> {
  const [accessStatement, ...more] = await record((db) => getGroupAccess(db, who, groupId));
  expect(more).toHaveLength(0);
  return texts.filter((text) => text === accessStatement).length;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const client = handle.client as unknown as { query: (config: unknown, ...rest: unknown[]) => Promise<unknown> };
  const query = client.query.bind(client);
  // Both drivers (pg's pool and PGlite) take the SQL as the first argument: a string or a { text } config.
  client.query = (config: unknown, ...rest: unknown[]) => {
    statements?.push(typeof config === "string" ? config : (config as { text: string }).text);
    return query(config, ...rest);
  };
  const company = await createCompany(handle.db);
  const course = await createCourse(handle.db, company.id);
  await createLessons(handle.db, course, [null, null]);
  const [owner, member, stranger] = await Promise.all([
    createPerson(handle.db, company.id, { roles: ["admin"], name: "Ada Admin" }),
    createPerson(handle.db, company.id, { name: "Lena Learner" }),
    createPerson(handle.db, company.id, { name: "Olaf Outsider" }),
  ]);
  const group = await createGroup(handle.db, owner, { members: [member], courseId: course.id, visibility: "public" });
  groupId = group.id;
  [admin, learner, outsider] = await Promise.all([viewer(owner.id), viewer(member.id), viewer(stranger.id)]);
});

afterAll(async () => {
  await handle?.close();
});

describe("the group page reads the access once per request", () => {
  it.each<GroupTab>(["activity", "chat", "members", "history", "statistics"])("on the %s tab, for an admin", async (tab) => {
    const texts = await record(request(admin, tab));
    expect(await accessReads(admin, texts)).toBe(1);
    expect(texts.length).toBeGreaterThan(3);
  });

  it.each<GroupTab>(["activity", "chat", "members"])("on the %s tab, for a member", async (tab) => {
    expect(await accessReads(learner, await record(request(learner, tab)))).toBe(1);
  });

  it("on the preview of a public group", async () => {
    let page: Awaited<ReturnType<typeof readGroupPage>> = null;
    const texts = await record(async (db) => {
      page = await readGroupPage(db, outsider, groupId);
    });
    expect(page).toMatchObject({ kind: "preview" });
    expect(await accessReads(outsider, texts)).toBe(1);
  });

  it("counts a loader that reads the access again", async () => {
    const texts = await record(async (db) => {
      await request(admin, "members")(db);
      await getGroupAccess(db, admin, groupId);
    });
    expect(await accessReads(admin, texts)).toBe(2);
  });
});
