import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { groupMembers } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { listMessages, messagesSince, searchMentionable } from "@/lib/chat/queries";
import { deleteMessage } from "@/lib/chat/operations/delete-message";
import { editMessage } from "@/lib/chat/operations/edit-message";
import { markAnswered } from "@/lib/chat/operations/mark-answered";
import { markRead } from "@/lib/chat/operations/mark-read";
import { postMessage } from "@/lib/chat/operations/post-message";
import { listFeed, listFeedSince } from "@/lib/feed/queries";
import { listHistory } from "@/lib/membership/queries/history";
import { listMembers } from "@/lib/membership/queries/members";
import { joinGroup } from "@/lib/membership/operations/join-group";
import { leaveGroup } from "@/lib/membership/operations/leave-group";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { getGroupLevel } from "@/lib/notifications/settings/queries";
import { setGroupLevel } from "@/lib/notifications/settings/operations/set-group-level";
import { canSubscribe } from "@/lib/group-access/channels";
import { groupAdminChannelAt, groupChannelAt } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { getGroupPreview } from "./my-groups/queries";
import { getGroupPage } from "./queries";
import { getGroupAccess, requireGroupAccess } from "@/lib/group-access/access";

/**
 * Attacker versus victim for what the generated matrix (lib/operations/authorization-matrix/) does
 * not ask, written out by hand rather than derived from lib/permissions.ts or getGroupAccess: the
 * group's pages (their data, its members, History, the preview), the public group's non-members (the
 * matrix asks the private group), a member of another group of the company, joining a private group
 * and leaving one, and siblings showing the rightful member or admin still gets in, so a refusal
 * never passes because nothing works.
 */

let handle: TestDatabase;
let db: Database;
type Who = "owner" | "member" | "admin" | "learner" | "removed" | "hr" | "otherMember" | "otherAdmin";
let people: Record<Who, TestPerson>;
let privateGroupId: string;
let publicGroupId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  const owner = await createPerson(db, acme.id, { roles: ["admin"], name: "Owner" });
  people = {
    owner,
    member: await createPerson(db, acme.id, { name: "Member" }),
    admin: await createPerson(db, acme.id, { roles: ["admin"], name: "Admin" }),
    learner: await createPerson(db, acme.id, { name: "Learner" }),
    removed: await createPerson(db, acme.id, { name: "Removed" }),
    hr: await createPerson(db, acme.id, { roles: ["hr"], name: "HR" }),
    otherMember: await createPerson(db, globex.id, { name: "Other member" }),
    otherAdmin: await createPerson(db, globex.id, { roles: ["admin"], name: "Other admin" }),
  };
  const { member, removed } = people;
  // A linked course, so the feed exists for the rightful readers.
  const courseId = (await createCourse(db, acme.id)).id;
  privateGroupId = (await createGroup(db, owner, { name: "Private", courseId, members: [owner, member, removed] })).id;
  publicGroupId = (await createGroup(db, owner, { name: "Public", visibility: "public", courseId, members: [owner, member, removed] })).id;
  // Removed through the real service, as an admin would: the ledger and everything else as in production.
  for (const groupId of [privateGroupId, publicGroupId]) {
    await removeMembers(db, owner, { groupId, userIds: [removed.id], operationId: opId() });
  }
  // The other company has its own group, so "other company" is a member somewhere, not nobody.
  await createGroup(db, people.otherAdmin, { members: [people.otherMember] });
});
afterAll(() => handle.close());

type Surface = (ctx: Ctx, groupId: string) => Promise<boolean>;

/** Whether the caller got in: a read that answered, or a refusal (not found / forbidden / null / false). */
const gotIn = async (attempt: () => Promise<unknown>) => {
  const outcome = await refusalOr(attempt);
  return outcome !== "forbidden" && outcome !== "not_found" && outcome !== null && outcome !== false;
};

const epoch = { createdAt: new Date(0).toISOString(), id: "00000000-0000-0000-0000-000000000000" };

/** Channels are asked for at the group's current epoch, as a page does. */
const epochOf = async (groupId: string) => (await currentEpochs(db, [groupId])).get(groupId) ?? 0;

/** What a group's page reads: only members and the company's admins reach it. */
const pageSurfaces: Record<string, Surface> = {
  "group page data": (ctx, groupId) => gotIn(async () => (await getGroupPage(db, ctx, groupId))?.group ?? null),
  "members list": (ctx, groupId) => gotIn(async () => listMembers(db, ctx, await requireGroupAccess(db, ctx, groupId))),
  "notification setting read": (ctx, groupId) => gotIn(async () => getGroupLevel(db, ctx, await requireGroupAccess(db, ctx, groupId))),
};

/** The actions and the channel behind the same pages: the matrix asks them of the private group, here the public one. */
const actionSurfaces: Record<string, Surface> = {
  "feed page": (ctx, groupId) => gotIn(async () => listFeed(db, ctx, await requireGroupAccess(db, ctx, groupId))),
  "feed resync": (ctx, groupId) => gotIn(async () => listFeedSince(db, ctx, await requireGroupAccess(db, ctx, groupId), epoch)),
  "chat messages": (ctx, groupId) => gotIn(async () => listMessages(db, ctx, await requireGroupAccess(db, ctx, groupId))),
  "chat resync": (ctx, groupId) => gotIn(async () => messagesSince(db, ctx, await requireGroupAccess(db, ctx, groupId), 0)),
  "mention search": (ctx, groupId) => gotIn(() => searchMentionable(db, ctx, groupId, "")),
  "chat mark read": (ctx, groupId) => gotIn(() => markRead(db, ctx, { groupId, operationId: opId() })),
  "chat post": (ctx, groupId) =>
    gotIn(() => postMessage(db, ctx, { groupId, operationId: opId(), kind: "note", body: "Hello from the matrix" })),
  "notification setting write": (ctx, groupId) => gotIn(() => setGroupLevel(db, ctx, { groupId, level: "mentions", operationId: opId() })),
  "channel subscribe": async (ctx, groupId) => canSubscribe(db, ctx, groupChannelAt(groupId, await epochOf(groupId))),
};

const outsiders: Who[] = ["learner", "removed", "hr", "otherMember", "otherAdmin"];

describe.each(Object.entries(pageSurfaces))("%s", (_name, surface) => {
  it.each(outsiders)("private group: %s is refused", async (who) => {
    expect(await surface(people[who], privateGroupId)).toBe(false);
  });
  it.each(outsiders)("public group: %s, not a member, is refused", async (who) => {
    expect(await surface(people[who], publicGroupId)).toBe(false);
  });
  it.each<Who>(["member", "owner", "admin"])("sibling: %s gets in to both groups", async (who) => {
    expect(await surface(people[who], privateGroupId)).toBe(true);
    expect(await surface(people[who], publicGroupId)).toBe(true);
  });
});

describe.each(Object.entries(actionSurfaces))("%s", (_name, surface) => {
  it.each(outsiders)("public group: %s, not a member, is refused", async (who) => {
    expect(await surface(people[who], publicGroupId)).toBe(false);
  });
  it.each<Who>(["member", "owner", "admin"])("sibling: %s gets in to both groups", async (who) => {
    expect(await surface(people[who], privateGroupId)).toBe(true);
    expect(await surface(people[who], publicGroupId)).toBe(true);
  });
});

describe("a member's chat message: edit, delete, mark answered", () => {
  const question = async (groupId: string) =>
    (await postMessage(db, people.member, { groupId, operationId: opId(), kind: "question", body: "Where is the handbook?" })).result.id;
  const changes = {
    edit: (ctx: Ctx, messageId: string) => editMessage(db, ctx, { messageId, operationId: opId(), body: "Defaced" }),
    delete: (ctx: Ctx, messageId: string) => deleteMessage(db, ctx, { messageId, operationId: opId() }),
    "mark answered": (ctx: Ctx, messageId: string) => markAnswered(db, ctx, { messageId, operationId: opId() }),
  };
  it.each(Object.keys(changes) as (keyof typeof changes)[])("%s: everyone outside the public group is refused", async (change) => {
    const messageId = await question(publicGroupId);
    for (const who of outsiders) expect(await gotIn(() => changes[change](people[who], messageId)), `${who}`).toBe(false);
    const [stored] = (await listMessages(db, people.member, await requireGroupAccess(db, people.member, publicGroupId))).messages.filter(
      (m) => m.id === messageId,
    );
    expect(stored).toMatchObject({ body: "Where is the handbook?" });
  });
  it("edit and delete: another member is refused someone else's message", async () => {
    const other = await createPerson(db, people.member.companyId, { name: "Other member" });
    await db.insert(groupMembers).values({ groupId: privateGroupId, userId: other.id, companyId: other.companyId, source: "individual" });
    const messageId = await question(privateGroupId);
    expect(await refusalOr(() => changes.edit(other, messageId))).toBe("forbidden");
    expect(await refusalOr(() => changes.delete(other, messageId))).toBe("forbidden");
    expect(await refusalOr(() => changes["mark answered"](other, messageId))).toBe("forbidden");
  });
  it("sibling: the author edits, the owner marks answered, an admin deletes", async () => {
    const messageId = await question(privateGroupId);
    expect((await changes.edit(people.member, messageId)).result).toMatchObject({ body: "Defaced" });
    expect((await changes["mark answered"](people.owner, messageId)).result).toMatchObject({ id: messageId });
    expect((await changes.delete(people.admin, messageId)).result).toMatchObject({ id: messageId });
  });
});

describe("the group's admin channel and History", () => {
  const adminOnly: Record<string, [Surface, Who[]]> = {
    // The matrix refuses the channel to everyone outside the group; a member is refused it too.
    "admin channel": [async (ctx, groupId) => canSubscribe(db, ctx, groupAdminChannelAt(groupId, await epochOf(groupId))), ["member"]],
    history: [
      (ctx, groupId) => gotIn(async () => listHistory(db, ctx, await requireGroupAccess(db, ctx, groupId))),
      ["member", "learner", "removed", "hr", "otherMember", "otherAdmin"],
    ],
  };
  it.each(Object.keys(adminOnly))("%s: refused to the members and everyone else", async (name) => {
    const [surface, refused] = adminOnly[name]!;
    for (const who of refused) expect(await surface(people[who], privateGroupId), `${who}`).toBe(false);
  });
  it.each(Object.keys(adminOnly))("%s, sibling: the owner and the company's admins get in", async (name) => {
    const [surface] = adminOnly[name]!;
    expect(await surface(people.owner, privateGroupId)).toBe(true);
    expect(await surface(people.admin, publicGroupId)).toBe(true);
  });
});

describe("the public preview", () => {
  it.each<Who>(["otherMember", "otherAdmin"])("%s sees no preview of either group: neither exists for them", async (who) => {
    expect(await getGroupAccess(db, people[who], publicGroupId)).toBeNull();
    expect(await getGroupAccess(db, people[who], privateGroupId)).toBeNull();
  });
  it.each<Who>(["learner", "removed", "hr"])("%s sees no preview of a private group", async (who) => {
    expect(await getGroupPreview(db, people[who], await requireGroupAccess(db, people[who], privateGroupId))).toBeNull();
  });
  it.each<Who>(["learner", "removed", "hr"])("sibling: %s, of the company and not a member, previews the public group", async (who) => {
    expect(await getGroupPreview(db, people[who], await requireGroupAccess(db, people[who], publicGroupId))).toMatchObject({
      name: "Public",
      memberCount: 2,
    });
  });
});

describe("Join and Leave", () => {
  const isIn = async (who: Who, groupId: string) =>
    (await db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId))).some((m) => m.userId === people[who].id);

  it.each<Who>(["learner", "removed", "hr", "otherMember", "otherAdmin"])("%s cannot join the private group", async (who) => {
    expect(await refusalOr(() => joinGroup(db, people[who], { groupId: privateGroupId, operationId: opId() }))).toBe("not_found");
    expect(await isIn(who, privateGroupId)).toBe(false);
  });
  it("a member of the private group cannot leave it by themselves", async () => {
    expect(await refusalOr(() => leaveGroup(db, people.member, { groupId: privateGroupId, operationId: opId() }))).toBe("forbidden");
    expect(await isIn("member", privateGroupId)).toBe(true);
  });
  it("sibling: the removed member joins the public group again, and leaves it", async () => {
    expect((await joinGroup(db, people.removed, { groupId: publicGroupId, operationId: opId() })).result).toEqual({ joined: true });
    expect(await pageSurfaces["group page data"]!(people.removed, publicGroupId)).toBe(true);
    expect((await leaveGroup(db, people.removed, { groupId: publicGroupId, operationId: opId() })).result).toEqual({ left: true });
    expect(await pageSurfaces["group page data"]!(people.removed, publicGroupId)).toBe(false);
  });
});
