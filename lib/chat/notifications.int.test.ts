import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, type NotificationLevel, notifications, users } from "@/db/schema";
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

let handle: TestDatabase;
let companyId: string;
let admin: TestPerson;
let author: TestPerson;
const LEVELS: NotificationLevel[] = ["all", "mentions", "none"];
let clock = new Date("2026-05-04T08:00:00Z").getTime();

const post = (person: TestPerson, input: Omit<PostMessageInput, "operationId">) =>
  postMessage(handle.db, person, postMessageSchema.parse({ operationId: opId(), ...input }), { now: new Date((clock += 1500)) });

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

  it("a plain message: all hears it, mentions and none do not; the author never; an admin outside the group neither", async () => {
    const { recipients, groups } = await setUp();
    const { result, events } = await post(author, { groupId: groups[0]!.id, kind: "note", body: "Hello" });
    const got = await notified(result.id);
    expect(typesOf(got, recipients)).toEqual(["chat.message", null, null]);
    expect(got[author.id]).toBeUndefined();
    expect(got[admin.id]).toBeUndefined();
    const live = events!.filter((e) => e.event === "notification.created");
    expect(live.map((e) => e.channels)).toEqual([[`private-user-${recipients[0]!.id}`]]);
    expect(live[0]!.data).toMatchObject({
      key: result.id,
      type: "chat.message",
      groupId: groups[0]!.id,
      payload: { groupName: groups[0]!.name, authorName: "Alex Author", excerpt: "Hello", messageId: result.id },
    });
  });

  it("a mention: all and mentions hear it, none does not; an admin mentioned outside the group hears it too", async () => {
    const { recipients, groups } = await setUp();
    const body = [...recipients, admin].map((r) => mentionToken("x", r.id)).join(" ");
    const { result } = await post(author, { groupId: groups[0]!.id, kind: "note", body: `Look ${body}` });
    const got = await notified(result.id);
    expect(typesOf(got, recipients)).toEqual(["chat.mention", "chat.mention", null]);
    expect(got[admin.id]).toBe("chat.mention");
  });

  it("an admin's note: all and mentions hear it, none does not", async () => {
    const { recipients, groups } = await setUp();
    await handle.db.insert(groupMembers).values({ groupId: groups[0]!.id, userId: admin.id, companyId, source: "individual" });
    const { result } = await post(admin, { groupId: groups[0]!.id, kind: "note", body: "Remember the deadline" });
    expect(typesOf(await notified(result.id), recipients)).toEqual(["chat.adminNote", "chat.adminNote", null]);
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
      // The owner hears of the question unless set to nothing; the others as of any message, by level.
      const expected = recipients.map((_r, i) =>
        i === index ? ["chat.question", "chat.question", null][i] : i === 0 ? "chat.message" : null,
      );
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
    const { result } = await post(author, { groupId: group.id, kind: "note", body: "Hi" });
    expect(typesOf(await notified(result.id), [quiet, loud])).toEqual([null, "chat.message"]);
    // Back to the default.
    expect((await setGroupLevel(handle.db, loud, { groupId: group.id, level: null, operationId: opId() })).result).toEqual({
      level: null,
      defaultLevel: "none",
      effective: "none",
    });
    expect(await getDefaultLevel(handle.db, loud)).toBe("none");
  });

  it("deactivated people and removed members are not notified", async () => {
    const leaving = await createPerson(handle.db, companyId);
    const removed = await createPerson(handle.db, companyId);
    const staying = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { members: [author, leaving, removed, staying] });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, leaving.id));
    await handle.db.delete(groupMembers).where(eq(groupMembers.userId, removed.id));
    const body = [leaving, removed].map((p) => mentionToken("x", p.id)).join(" ");
    const { result } = await post(author, { groupId: group.id, kind: "note", body });
    expect(await notified(result.id)).toEqual({ [staying.id]: "chat.message" });
    expect(result.mentions).toEqual([]);
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
