import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, learningGroups, type NotificationLevel, notifications, users } from "@/db/schema";
import { getDefaultLevel, getGroupLevel } from "@/lib/notifications/settings/queries";
import { setDefaultLevel } from "@/lib/notifications/settings/operations/set-default-level";
import { setGroupLevel } from "@/lib/notifications/settings/operations/set-group-level";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { mentionToken } from "./mentions";
import { type PostMessageInput, postMessageSchema } from "./schemas";
import { postMessage } from "./operations/post-message";
import { requireGroupAccess } from "@/lib/group-access/access";
import { listChatActivity, UNREAD_CAP } from "./unread";
import { markRead } from "./operations/mark-read";
import { deleteMessage } from "./operations/delete-message";
import { markAllNotificationsRead } from "@/lib/notifications/operations/mark-all-notifications-read";

let handle: TestDatabase;
let companyId: string;
let admin: TestPerson;
let author: TestPerson;
const LEVELS: NotificationLevel[] = ["all", "mentions", "none"];
// Messages are posted after everyone joined: what came before joining is not news to them.
let clock = Date.now() + 60_000;

const post = (person: TestPerson, input: Omit<PostMessageInput, "operationId">) =>
  postMessage(handle.db, person, postMessageSchema.parse({ operationId: opId(), ...input }), { now: new Date((clock += 1500)) });

/** The chat news each of these people's bells shows for the group: unread at their level, or null without a line. */
async function news(groupId: string, people: TestPerson[]) {
  return Promise.all(
    people.map(async (person) => (await listChatActivity(handle.db, person)).find((line) => line.groupId === groupId)?.unread ?? null),
  );
}

/** Who was notified of a message, and with which type. */
async function notified(messageId: string): Promise<Record<string, string>> {
  const rows = await handle.db.select().from(notifications).where(eq(notifications.key, messageId));
  return Object.fromEntries(rows.map((row) => [row.userId, row.type]));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
  author = await createPerson(handle.db, companyId, { name: "Alex Author" });
});
afterAll(() => handle.close());

describe("notification levels", () => {
  /** Three members, one per level, set for this group; the message's author and an admin besides. */
  async function setUp(options: { ownedByRecipients?: boolean } = {}) {
    const recipients = await Promise.all(LEVELS.map((level) => createPerson(handle.db, companyId, { name: `Reader ${level}` })));
    const groups = [];
    for (const [index, recipient] of recipients.entries()) {
      if (!options.ownedByRecipients && index > 0) break;
      groups.push(await createGroup(handle.db, options.ownedByRecipients ? recipient : admin, { members: [author, ...recipients] }));
    }
    for (const group of groups) {
      for (const [index, recipient] of recipients.entries()) {
        await setGroupLevel(handle.db, recipient, { groupId: group.id, level: LEVELS[index]!, operationId: opId() });
      }
    }
    return { recipients, groups };
  }
  const typesOf = (result: Record<string, string>, recipients: TestPerson[]) => recipients.map((r) => result[r.id] ?? null);

  it("a plain message gives nobody a notification of their own: all counts it in the bell's line, mentions does not, none has no line", async () => {
    const { recipients, groups } = await setUp();
    const { result, events } = await post(author, { groupId: groups[0]!.id, kind: "note", body: "Hello" });
    expect(await notified(result.id)).toEqual({});
    expect(events!.filter((e) => e.event === "personal.news")).toEqual([]);
    expect(await news(groups[0]!.id, recipients)).toEqual([1, 0, null]);
    // The author's own message is no news to them; an admin outside the group has no line for it.
    expect(await news(groups[0]!.id, [author, admin])).toEqual([0, null]);
    const [line] = (await listChatActivity(handle.db, recipients[0]!)).filter((l) => l.groupId === groups[0]!.id);
    expect(line).toMatchObject({ groupName: groups[0]!.name, level: "all", latest: { authorName: "Alex Author", body: "Hello" } });
  });

  it("a mention: all and mentions hear it, none does not; an admin mentioned outside the group hears it too", async () => {
    const { recipients, groups } = await setUp();
    const body = [...recipients, admin].map((r) => mentionToken("x", r.id)).join(" ");
    const { result } = await post(author, { groupId: groups[0]!.id, kind: "note", body: `Look ${body}` });
    const got = await notified(result.id);
    expect(typesOf(got, recipients)).toEqual(["chat.mention", "chat.mention", null]);
    expect(got[admin.id]).toBe("chat.mention");
  });

  it("an admin's note: all and mentions count it in the bell's line, none does not; nobody gets a row", async () => {
    const { recipients, groups } = await setUp();
    await handle.db.insert(groupMembers).values({ groupId: groups[0]!.id, userId: admin.id, companyId, source: "individual" });
    const { result } = await post(admin, { groupId: groups[0]!.id, kind: "note", body: "Remember the deadline" });
    expect(await notified(result.id)).toEqual({});
    expect(await news(groups[0]!.id, recipients)).toEqual([1, 1, null]);
  });

  it("an answer to my question: all and mentions hear it, none does not", async () => {
    const { recipients, groups } = await setUp();
    for (const [index, asker] of recipients.entries()) {
      const { result: question } = await post(asker, { groupId: groups[0]!.id, kind: "question", body: "How?" });
      const { result: answer } = await post(author, { groupId: groups[0]!.id, kind: "answer", body: "So", replyToId: question.id });
      expect((await notified(answer.id))[asker.id] ?? null).toBe(["chat.answer", "chat.answer", null][index]);
    }
  });

  it("praise of me: all and mentions hear it, none does not", async () => {
    const { recipients, groups } = await setUp();
    for (const [index, praised] of recipients.entries()) {
      const { result } = await post(author, { groupId: groups[0]!.id, kind: "praise", body: "Well done", praisedUserId: praised.id });
      expect((await notified(result.id))[praised.id] ?? null).toBe(["chat.praise", "chat.praise", null][index]);
    }
  });

  it("a question reaches the group's owner: unless the owner set nothing", async () => {
    const { recipients, groups } = await setUp({ ownedByRecipients: true });
    for (const [index, group] of groups.entries()) {
      const { result } = await post(author, { groupId: group.id, kind: "question", body: "Anyone?" });
      // The owner hears of the question unless set to nothing; the others only in the bell's line, by level.
      const expected = recipients.map((_r, i) => (i === index ? ["chat.question", "chat.question", null][i] : null));
      expect(typesOf(await notified(result.id), recipients)).toEqual(expected);
    }
  });

  it("the default level applies where the group has none; a group's own setting overrides it", async () => {
    const quiet = await createPerson(handle.db, companyId);
    const loud = await createPerson(handle.db, companyId);
    await setDefaultLevel(handle.db, quiet, { level: "none", operationId: opId() });
    await setDefaultLevel(handle.db, loud, { level: "none", operationId: opId() });
    const group = await createGroup(handle.db, admin, { members: [author, quiet, loud] });
    await setGroupLevel(handle.db, loud, { groupId: group.id, level: "all", operationId: opId() });
    expect(await getGroupLevel(handle.db, loud, await requireGroupAccess(handle.db, loud, group.id))).toEqual({
      level: "all",
      defaultLevel: "none",
      effective: "all",
    });
    expect(await getGroupLevel(handle.db, quiet, await requireGroupAccess(handle.db, quiet, group.id))).toEqual({
      level: null,
      defaultLevel: "none",
      effective: "none",
    });
    await post(author, { groupId: group.id, kind: "note", body: "Hi" });
    expect(await news(group.id, [quiet, loud])).toEqual([null, 1]);
    // Back to the default.
    expect((await setGroupLevel(handle.db, loud, { groupId: group.id, level: null, operationId: opId() })).result).toEqual({
      level: null,
      defaultLevel: "none",
      effective: "none",
    });
    expect(await getDefaultLevel(handle.db, loud)).toBe("none");
  });

  it("deactivated people and removed members are not notified, nor counted", async () => {
    const leaving = await createPerson(handle.db, companyId);
    const removed = await createPerson(handle.db, companyId);
    const staying = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [author, leaving, removed, staying] });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, leaving.id));
    await handle.db.delete(groupMembers).where(eq(groupMembers.userId, removed.id));
    const body = [leaving, removed].map((p) => mentionToken("x", p.id)).join(" ");
    const { result } = await post(author, { groupId: group.id, kind: "note", body });
    expect(await notified(result.id)).toEqual({});
    expect(result.mentions).toEqual([]);
    expect(await news(group.id, [removed, staying])).toEqual([null, 1]);
  });

  it("settings belong to people who can read the group", async () => {
    const group = await createGroup(handle.db, admin, { members: [author] });
    const outsider = await createPerson(handle.db, companyId);
    const stranger = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id);
    for (const person of [outsider, stranger]) {
      expect(await refusalOr(async () => getGroupLevel(handle.db, person, await requireGroupAccess(handle.db, person, group.id)))).toBe(
        "not_found",
      );
      expect(await refusalOr(() => setGroupLevel(handle.db, person, { groupId: group.id, level: "none", operationId: opId() }))).toBe(
        "not_found",
      );
    }
    expect((await setGroupLevel(handle.db, author, { groupId: group.id, level: "none", operationId: opId() })).result.effective).toBe(
      "none",
    );
  });
});

describe("the bell's chat lines", () => {
  it("count from the read mark, up to the cap, and empty when read; a read sends one event to the reader alone", async () => {
    const reader = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [author, reader] });
    for (let i = 0; i < UNREAD_CAP + 5; i++) await post(author, { groupId: group.id, kind: "note", body: `Message ${i}` });
    const [line] = (await listChatActivity(handle.db, reader)).filter((l) => l.groupId === group.id);
    expect(line).toMatchObject({ unread: UNREAD_CAP, latest: { body: `Message ${UNREAD_CAP + 4}` } });
    const { events } = await markRead(handle.db, reader, { groupId: group.id, operationId: opId() }, { now: new Date((clock += 1500)) });
    expect(events).toEqual([
      {
        channels: [`private-user-${reader.id}`],
        event: "chat.read",
        data: { groupId: group.id, lastReadAt: new Date(clock).toISOString() },
      },
    ]);
    expect(await news(group.id, [reader])).toEqual([0]);
    await post(author, { groupId: group.id, kind: "note", body: "After reading" });
    expect(await news(group.id, [reader])).toEqual([1]);
    await markAllNotificationsRead(handle.db, reader, { operationId: opId() }, { now: new Date((clock += 1500)) });
    expect(await news(group.id, [reader])).toEqual([0]);
  });

  it("a deleted message leaves the count, and the notifications quoting it go", async () => {
    const reader = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [author, reader] });
    const { result } = await post(author, { groupId: group.id, kind: "note", body: `Hi ${mentionToken("x", reader.id)}` });
    expect(await notified(result.id)).toEqual({ [reader.id]: "chat.mention" });
    expect(await news(group.id, [reader])).toEqual([1]);
    await deleteMessage(handle.db, author, { messageId: result.id, operationId: opId() }, { now: new Date((clock += 1500)) });
    expect(await notified(result.id)).toEqual({});
    expect(await news(group.id, [reader])).toEqual([0]);
  });

  it("list only active groups I am in, at the group's channel epoch", async () => {
    const reader = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [author, reader] });
    const archived = await createGroup(handle.db, admin, { members: [reader] });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
    await createGroup(handle.db, admin, { members: [author] });
    expect((await listChatActivity(handle.db, reader)).map((line) => [line.groupId, line.epoch])).toEqual([[group.id, 0]]);
  });
});
