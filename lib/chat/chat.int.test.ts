import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityEvents, groupMembers, learningGroups, notifications, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { mentionToken } from "./mentions";
import { listMessages, messagesSince, searchMentionable } from "./queries";
import { type PostMessageInput, postMessageSchema } from "./schemas";
import { deleteMessage } from "./operations/delete-message";
import { editMessage } from "./operations/edit-message";
import { markAnswered } from "./operations/mark-answered";
import { markRead } from "./operations/mark-read";
import { postMessage } from "./operations/post-message";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let companyId: string;
let owner: TestPerson;
let otherAdmin: TestPerson;
let member: TestPerson;
let colleague: TestPerson;
let outsider: TestPerson;
let stranger: TestPerson;

// One clock for the whole file, a second and a half per step: the tests post far more than the
// rate limit allows per real second, and edit windows are measured on the same clock.
let clock = new Date("2026-05-04T08:00:00Z").getTime();
const tick = () => new Date((clock += 1500));

const post = (person: TestPerson, input: Omit<PostMessageInput, "operationId"> & { operationId?: string }, now = tick()) =>
  postMessage(handle.db, person, postMessageSchema.parse({ operationId: opId(), ...input }), { now });
const note = (person: TestPerson, groupId: string, body = "Hello") => post(person, { groupId, kind: "note", body });

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  owner = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
  // An email starting with "a": mention suggestions rank by the name alone (members never see emails).
  otherAdmin = await createPerson(handle.db, companyId, {
    roles: ["admin"],
    name: "Omar Admin",
    email: `a-omar-${randomUUID()}@test.example`,
  });
  member = await createPerson(handle.db, companyId, { name: "Lena Learner" });
  colleague = await createPerson(handle.db, companyId, { name: "Jonas Mueller" });
  outsider = await createPerson(handle.db, companyId, { name: "Olga Outside" });
  stranger = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id, { roles: ["admin"], name: "Gina Globex" });
});
afterAll(() => handle.close());

const privateGroup = () => createGroup(handle.db, owner, { members: [member, colleague] });

describe("who may post", () => {
  it("members and the company's admins post; admins' messages are marked", async () => {
    const group = await privateGroup();
    const byMember = await note(member, group.id, "From a member");
    const byAdmin = await note(otherAdmin, group.id, "From an admin who is not a member");
    expect(byMember.result).toMatchObject({ authorName: "Lena Learner", byAdmin: false, body: "From a member", kind: "note" });
    expect(byAdmin.result).toMatchObject({ authorName: "Omar Admin", byAdmin: true });
  });

  it("refuses non-members of private and public groups, removed members and other companies as not found", async () => {
    const group = await privateGroup();
    const publicGroup = await createGroup(handle.db, owner, { visibility: "public", members: [member] });
    expect(await refusalOr(() => note(outsider, group.id))).toBe("not_found");
    expect(await refusalOr(() => note(outsider, publicGroup.id))).toBe("not_found");
    expect(await refusalOr(() => note(stranger, group.id))).toBe("not_found");
    await handle.db.delete(groupMembers).where(eq(groupMembers.userId, colleague.id));
    expect(await refusalOr(() => note(colleague, group.id))).toBe("not_found");
    // Each refusal's sibling: the rightful member still gets in.
    expect((await note(member, publicGroup.id)).result.groupId).toBe(publicGroup.id);
    await handle.db.insert(groupMembers).values({ groupId: group.id, userId: colleague.id, companyId, source: "individual" });
    expect((await note(colleague, group.id)).result.groupId).toBe(group.id);
  });

  it("refuses every change in an archived group, which stays readable", async () => {
    const group = await privateGroup();
    const { result: message } = await note(member, group.id);
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, group.id));
    await expect(note(member, group.id)).rejects.toMatchObject({ code: "group_archived" });
    await expect(note(owner, group.id)).rejects.toMatchObject({ code: "group_archived" });
    await expect(
      editMessage(handle.db, member, { messageId: message.id, operationId: opId(), body: "x" }, { now: tick() }),
    ).rejects.toMatchObject({
      code: "group_archived",
    });
    await expect(deleteMessage(handle.db, owner, { messageId: message.id, operationId: opId() }, { now: tick() })).rejects.toMatchObject({
      code: "group_archived",
    });
    expect(
      (await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id))).messages.map((m) => m.id),
    ).toEqual([message.id]);
  });
});

describe("kinds", () => {
  it("an answer replies to a question of the same group; the schema asks for the question", async () => {
    const group = await privateGroup();
    const other = await privateGroup();
    const { result: question } = await post(member, { groupId: group.id, kind: "question", body: "How?" });
    const { result: plain } = await note(member, group.id);
    const { result: foreign } = await post(member, { groupId: other.id, kind: "question", body: "Elsewhere?" });
    const answer = await post(colleague, { groupId: group.id, kind: "answer", body: "Like this", replyToId: question.id });
    expect(answer.result).toMatchObject({ kind: "answer", replyToId: question.id });
    await expect(post(colleague, { groupId: group.id, kind: "answer", body: "x", replyToId: plain.id })).rejects.toMatchObject({
      code: "chat_not_a_question",
    });
    await expect(post(colleague, { groupId: group.id, kind: "answer", body: "x", replyToId: foreign.id })).rejects.toMatchObject({
      code: "chat_reply_not_found",
    });
    expect(postMessageSchema.safeParse({ groupId: group.id, operationId: opId(), kind: "answer", body: "x" }).success).toBe(false);
    expect(
      postMessageSchema.safeParse({ groupId: group.id, operationId: opId(), kind: "question", body: "x", replyToId: plain.id }).success,
    ).toBe(false);
  });

  it("replies join the thread of the top-level message they answer", async () => {
    const group = await privateGroup();
    const { result: top } = await note(member, group.id, "Top");
    const { result: reply } = await post(colleague, { groupId: group.id, kind: "note", body: "Reply", replyToId: top.id });
    const { result: nested } = await post(member, { groupId: group.id, kind: "note", body: "Reply to reply", replyToId: reply.id });
    expect(reply.replyToId).toBe(top.id);
    expect(nested.replyToId).toBe(top.id);
  });

  it("praise names a current member other than the author and enters the feed of a group with a course", async () => {
    const course = await createCourse(handle.db, companyId);
    const group = await createGroup(handle.db, owner, { courseId: course.id, members: [member, colleague] });
    const praise = (praisedUserId: string) => post(member, { groupId: group.id, kind: "praise", body: "Great work!", praisedUserId });
    await expect(praise(member.id)).rejects.toMatchObject({ code: "chat_praise_not_member" });
    await expect(praise(outsider.id)).rejects.toMatchObject({ code: "chat_praise_not_member" });
    await expect(praise(stranger.id)).rejects.toMatchObject({ code: "chat_praise_not_member" });
    const { result, events } = await praise(colleague.id);
    expect(result).toMatchObject({ kind: "praise", praisedUserId: colleague.id, praisedUserName: "Jonas Mueller" });
    const feed = await handle.db.select().from(activityEvents).where(eq(activityEvents.messageId, result.id));
    expect(feed).toEqual([
      expect.objectContaining({
        type: "praise",
        userId: member.id,
        groupId: group.id,
        courseId: course.id,
        payload: { praisedUserId: colleague.id, praisedUserName: "Jonas Mueller", text: "Great work!" },
      }),
    ]);
    expect(events?.find((e) => e.event === "activity.created")?.data).toMatchObject({
      id: feed[0]!.id,
      type: "praise",
      userName: "Lena Learner",
      praisedUserName: "Jonas Mueller",
    });
    // A praise too large for one live event reaches the feed live with its text cut; the row keeps it whole.
    const long = await post(member, { groupId: group.id, kind: "praise", body: "学".repeat(4000), praisedUserId: colleague.id });
    const live = long.events?.find((e) => e.event === "activity.created")?.data as { text: string };
    expect(live.text).toBe(`${"学".repeat(1000)}…`);
    const [stored] = await handle.db.select().from(activityEvents).where(eq(activityEvents.messageId, long.result.id));
    expect((stored!.payload as { text: string }).text).toHaveLength(4000);
    // Without a linked course there is no feed: the praise is a chat message only.
    const plainGroup = await privateGroup();
    const { result: plain } = await post(member, { groupId: plainGroup.id, kind: "praise", body: "Thanks", praisedUserId: colleague.id });
    expect(await handle.db.select().from(activityEvents).where(eq(activityEvents.messageId, plain.id))).toEqual([]);
    // Deleting the praise takes it out of the feed.
    await deleteMessage(handle.db, member, { messageId: result.id, operationId: opId() }, { now: tick() });
    expect(await handle.db.select().from(activityEvents).where(eq(activityEvents.messageId, result.id))).toEqual([]);
  });

  it("keeps mentions of people who can read the group, drops everyone else's", async () => {
    const group = await privateGroup();
    const body = [member, otherAdmin, outsider, stranger].map((p) => mentionToken("Someone", p.id)).join(" ");
    const { result } = await note(colleague, group.id, `Hi ${body}`);
    expect(result.mentions).toEqual([member.id, otherAdmin.id]);
    const { result: edited } = await editMessage(
      handle.db,
      colleague,
      {
        messageId: result.id,
        operationId: opId(),
        body: `Only ${mentionToken("Olga", outsider.id)} and ${mentionToken("Lena", member.id)}`,
      },
      { now: tick() },
    );
    expect(edited.mentions).toEqual([member.id]);
  });

  it("names each mentioned person as they are called now, never as the author typed them", async () => {
    const group = await createGroup(handle.db, owner, {
      members: [member, colleague],
      courseId: (await createCourse(handle.db, companyId)).id,
    });
    // The author calls Lena "The CEO"; Olga cannot read the group, so her token is no mention.
    const body = `Ask ${mentionToken("The CEO", member.id)} or ${mentionToken("Dana", outsider.id)}`;
    const { result, events } = await post(colleague, { groupId: group.id, kind: "praise", body, praisedUserId: member.id });
    expect(result.mentionNames).toEqual({ [member.id]: "Lena Learner" });
    expect(result.body).toBe(body);
    // The notification and the feed quote the mention by the person's name.
    const [notice] = await handle.db.select().from(notifications).where(eq(notifications.key, result.id));
    expect((notice!.payload as { excerpt: string }).excerpt).toBe("Ask @Lena Learner or @Dana");
    const [praise] = await handle.db.select().from(activityEvents).where(eq(activityEvents.messageId, result.id));
    expect((praise!.payload as { text: string }).text).toBe(
      `Ask ${mentionToken("Lena Learner", member.id)} or ${mentionToken("Dana", outsider.id)}`,
    );
    expect(events?.find((event) => event.event === "chat.message")?.data).toMatchObject({ mentionNames: { [member.id]: "Lena Learner" } });
    // Renamed later: the chat shows the new name.
    await handle.db.update(users).set({ name: "Lena Lindqvist" }).where(eq(users.id, member.id));
    try {
      const page = await listMessages(handle.db, owner, await requireGroupAccess(handle.db, owner, group.id));
      expect(page.messages.find((message) => message.id === result.id)?.mentionNames).toEqual({ [member.id]: "Lena Lindqvist" });
    } finally {
      await handle.db.update(users).set({ name: "Lena Learner" }).where(eq(users.id, member.id));
    }
  });

  it("publishes a 4,000-character message whole, or as a notice to fetch it when its bytes exceed Pusher's limit", async () => {
    const group = await privateGroup();
    const ascii = await note(member, group.id, `"${"a".repeat(3998)}"`);
    expect(ascii.events?.[0]?.data).toEqual(ascii.result);
    expect(Buffer.byteLength(JSON.stringify(ascii.result))).toBeLessThan(10_000);
    const wide = await note(member, group.id, "学".repeat(4000));
    const { id, seq, operationKey } = wide.result;
    expect(wide.events?.[0]?.data).toEqual({ id, groupId: group.id, seq, operationKey, tooLarge: true });
  });

  it("trims the body and refuses empty and over-long ones", () => {
    const base = { groupId: owner.id, operationId: opId(), kind: "note" };
    expect(postMessageSchema.parse({ ...base, body: "  hi\r\n " }).body).toBe("hi");
    expect(postMessageSchema.safeParse({ ...base, body: "   " }).success).toBe(false);
    expect(postMessageSchema.safeParse({ ...base, body: "a".repeat(4000) }).success).toBe(true);
    expect(postMessageSchema.safeParse({ ...base, body: "a".repeat(4001) }).success).toBe(false);
  });
});

describe("edit, delete, answered", () => {
  it("edits one's own message until 15 minutes have passed", async () => {
    const group = await privateGroup();
    const sent = tick();
    const { result } = await post(member, { groupId: group.id, kind: "note", body: "First" }, sent);
    const at = (minutes: number, seconds: number) => new Date(sent.getTime() + (minutes * 60 + seconds) * 1000);
    const edit = (person: TestPerson, now: Date) =>
      editMessage(handle.db, person, { messageId: result.id, operationId: opId(), body: "Second" }, { now });
    expect(await refusalOr(() => edit(colleague, at(1, 0)))).toBe("forbidden");
    expect(await refusalOr(() => edit(owner, at(1, 0)))).toBe("forbidden");
    const edited = await edit(member, at(14, 59));
    expect(edited.result).toMatchObject({ body: "Second", editedAt: at(14, 59).toISOString() });
    await expect(edit(member, at(15, 1))).rejects.toMatchObject({ code: "chat_edit_window_closed" });
  });

  it("deletes one's own message, and an admin any; not someone else's", async () => {
    const group = await privateGroup();
    const { result: mine } = await note(member, group.id, "Mine");
    // It names the member, so it is their notification too.
    const { result: theirs } = await note(colleague, group.id, `Theirs, ${mentionToken("x", member.id)}`);
    expect(await refusalOr(() => deleteMessage(handle.db, member, { messageId: theirs.id, operationId: opId() }, { now: tick() }))).toBe(
      "forbidden",
    );
    expect(await refusalOr(() => deleteMessage(handle.db, outsider, { messageId: theirs.id, operationId: opId() }, { now: tick() }))).toBe(
      "not_found",
    );
    expect(await refusalOr(() => deleteMessage(handle.db, stranger, { messageId: theirs.id, operationId: opId() }, { now: tick() }))).toBe(
      "not_found",
    );
    const own = await deleteMessage(handle.db, member, { messageId: mine.id, operationId: opId() }, { now: tick() });
    expect(own.result).toMatchObject({ body: "", deletedById: member.id });
    expect(own.result.deletedAt).not.toBeNull();
    const quoted = () => handle.db.select().from(notifications).where(eq(notifications.key, theirs.id));
    expect(await quoted()).toHaveLength(1);
    const byAdmin = await deleteMessage(handle.db, otherAdmin, { messageId: theirs.id, operationId: opId() }, { now: tick() });
    expect(await quoted()).toEqual([]);
    expect(byAdmin.result).toMatchObject({ body: "", deletedById: otherAdmin.id });
    // Deleted, it stays in place; editing it is refused; deleting again changes nothing.
    const listed = await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id));
    expect(listed.messages.map((m) => [m.id, m.body])).toEqual([
      [mine.id, ""],
      [theirs.id, ""],
    ]);
    await expect(
      editMessage(handle.db, member, { messageId: mine.id, operationId: opId(), body: "x" }, { now: tick() }),
    ).rejects.toMatchObject({
      code: "chat_message_deleted",
    });
    const again = await deleteMessage(handle.db, otherAdmin, { messageId: mine.id, operationId: opId() }, { now: tick() });
    expect(again.events).toEqual([]);
    expect(again.result.seq).toBe(own.result.seq);
  });

  it("marks a question answered: its asker, the group's owner (while an admin) or an admin", async () => {
    const owned = await createGroup(handle.db, member, { members: [member, colleague, outsider] });
    const ask = async () => (await post(colleague, { groupId: owned.id, kind: "question", body: "?" })).result;
    const mark = (person: TestPerson, id: string) =>
      markAnswered(handle.db, person, { messageId: id, operationId: opId() }, { now: tick() });
    const question = await ask();
    expect(await refusalOr(() => mark(outsider, question.id))).toBe("forbidden");
    expect((await mark(colleague, question.id)).result).toMatchObject({ answeredById: colleague.id });
    // `member` owns the group without the admin role (a demoted owner): owner rights need it.
    expect(await refusalOr(async () => mark(member, (await ask()).id))).toBe("forbidden");
    expect((await mark(otherAdmin, (await ask()).id)).result.answeredById).toBe(otherAdmin.id);
    const { result: plain } = await note(colleague, owned.id);
    await expect(mark(colleague, plain.id)).rejects.toMatchObject({ code: "chat_not_a_question" });
  });
});

describe("sequence, resync and replays", () => {
  it("every new message, edit, delete and answered mark takes the next seq; resync returns newest versions above a seq", async () => {
    const group = await privateGroup();
    const { result: a } = await post(member, { groupId: group.id, kind: "question", body: "A" });
    const { result: b } = await note(colleague, group.id, "B");
    const { result: c } = await note(member, group.id, "C");
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    const edited = await editMessage(handle.db, member, { messageId: c.id, operationId: opId(), body: "C2" }, { now: tick() });
    const deleted = await deleteMessage(handle.db, colleague, { messageId: b.id, operationId: opId() }, { now: tick() });
    const answered = await markAnswered(handle.db, member, { messageId: a.id, operationId: opId() }, { now: tick() });
    expect([edited.result.seq, deleted.result.seq, answered.result.seq]).toEqual([4, 5, 6]);
    const since = await messagesSince(handle.db, member, await requireGroupAccess(handle.db, member, group.id), 3);
    expect(since.messages.map((m) => [m.id, m.seq])).toEqual([
      [c.id, 4],
      [b.id, 5],
      [a.id, 6],
    ]);
    expect(since.messages[0]!.body).toBe("C2");
    expect(since).toMatchObject({ hasMore: false, lastSeq: 6 });
    const capped = await messagesSince(handle.db, member, await requireGroupAccess(handle.db, member, group.id), 0, 2);
    expect(capped).toMatchObject({ hasMore: true, lastSeq: 5 });
    expect(
      await refusalOr(async () => messagesSince(handle.db, outsider, await requireGroupAccess(handle.db, outsider, group.id), 0)),
    ).toBe("not_found");
    expect((await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id))).lastSeq).toBe(6);
  });

  it("a replayed post returns the first message and doubles nothing, nor does a replayed edit", async () => {
    const group = await privateGroup();
    const operationId = opId();
    const first = await post(member, { groupId: group.id, kind: "note", body: "Once", operationId });
    const again = await post(member, { groupId: group.id, kind: "note", body: "Once", operationId });
    expect(again.result).toEqual(first.result);
    expect(again.events).toBeUndefined();
    const editId = opId();
    const edit = () => editMessage(handle.db, member, { messageId: first.result.id, operationId: editId, body: "Twice" }, { now: tick() });
    const edited = await edit();
    const replayed = await edit();
    expect(replayed.result).toEqual(edited.result);
    expect(replayed.events ?? []).toEqual([]);
    const page = await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id));
    expect(page.messages).toHaveLength(1);
    expect(page.lastSeq).toBe(2);
    // Someone else's operation id in the group is not theirs to replay.
    await expect(post(colleague, { groupId: group.id, kind: "note", body: "Once", operationId })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("reading", () => {
  it("pages top-level messages newest first, each with its replies, by a stable cursor", async () => {
    const group = await privateGroup();
    const start = tick().getTime();
    clock += 3_600_000;
    const tops = [];
    for (let i = 0; i < 5; i++) {
      tops.push((await post(member, { groupId: group.id, kind: "note", body: `Top ${i}` }, new Date(start + i * 60_000))).result);
    }
    const reply = (
      await post(colleague, { groupId: group.id, kind: "note", body: "Late reply", replyToId: tops[0]!.id }, new Date(start + 10 * 60_000))
    ).result;
    const first = await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id), { limit: 2 });
    expect(first.messages.map((m) => m.body)).toEqual(["Top 3", "Top 4"]);
    const second = await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id), {
      limit: 2,
      before: first.nextCursor!,
    });
    expect(second.messages.map((m) => m.body)).toEqual(["Top 1", "Top 2"]);
    const third = await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id), {
      limit: 2,
      before: second.nextCursor!,
    });
    expect(third.messages.map((m) => m.id)).toEqual([tops[0]!.id, reply.id]);
    expect(third.nextCursor).toBeNull();
    expect(await refusalOr(async () => listMessages(handle.db, outsider, await requireGroupAccess(handle.db, outsider, group.id)))).toBe(
      "not_found",
    );
    expect(await refusalOr(async () => listMessages(handle.db, stranger, await requireGroupAccess(handle.db, stranger, group.id)))).toBe(
      "not_found",
    );
    expect((await listMessages(handle.db, otherAdmin, await requireGroupAccess(handle.db, otherAdmin, group.id))).messages).toHaveLength(6);
  });

  it("marks read and reports where the reader stopped", async () => {
    const group = await privateGroup();
    expect((await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id))).lastReadAt).toBeNull();
    const at = new Date("2026-05-04T09:00:00Z");
    await markRead(handle.db, member, { groupId: group.id, operationId: opId() }, { now: at });
    await markRead(handle.db, member, { groupId: group.id, operationId: opId() }, { now: new Date("2026-05-04T08:00:00Z") });
    expect((await listMessages(handle.db, member, await requireGroupAccess(handle.db, member, group.id))).lastReadAt).toBe(
      at.toISOString(),
    );
    expect(await refusalOr(() => markRead(handle.db, outsider, { groupId: group.id, operationId: opId() }))).toBe("not_found");
  });

  it("suggests people who can read the group, by name, at most eight", async () => {
    const group = await privateGroup();
    const names = (found: { name: string }[]) => found.map((p) => p.name);
    // A word that starts with the term ranks above a name that only contains it.
    expect(names(await searchMentionable(handle.db, member, group.id, "a"))).toEqual(["Dana Admin", "Omar Admin", "Jonas Mueller"]);
    expect(names(await searchMentionable(handle.db, member, group.id, "jon"))).toEqual(["Jonas Mueller"]);
    expect(names(await searchMentionable(handle.db, member, group.id, "olga"))).toEqual([]);
    expect(await refusalOr(() => searchMentionable(handle.db, outsider, group.id, ""))).toBe("not_found");
  });
});
