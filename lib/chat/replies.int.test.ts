import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { requireGroupAccess } from "@/lib/group-access/access";
import { type ChatMessageDto, listEarlierReplies, listMessages, messagesSince, REPLIES_SHOWN } from "./queries";
import { postMessageSchema } from "./schemas";
import { deleteMessage } from "./operations/delete-message";
import { editMessage } from "./operations/edit-message";
import { postMessage } from "./operations/post-message";

let handle: TestDatabase;
let owner: TestPerson;
let member: TestPerson;
let colleague: TestPerson;
let outsider: TestPerson;
let stranger: TestPerson;

// Two seconds per message: a thread of many replies stays under the rate limit (10 per 10 s).
let clock = new Date("2026-05-04T08:00:00Z").getTime();
const tick = () => new Date((clock += 2000));

const note = async (person: TestPerson, groupId: string, body: string, replyToId?: string, now = tick()) =>
  (await postMessage(handle.db, person, postMessageSchema.parse({ groupId, operationId: opId(), kind: "note", body, replyToId }), { now }))
    .result;
/** `count` replies to `threadId`, taking turns between the member and the colleague, oldest first. */
async function replies(groupId: string, threadId: string, count: number): Promise<ChatMessageDto[]> {
  const posted = [];
  for (let i = 1; i <= count; i++) posted.push(await note(i % 2 ? member : colleague, groupId, `Reply ${i}`, threadId));
  return posted;
}
const access = (person: TestPerson, groupId: string) => requireGroupAccess(handle.db, person, groupId);
const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);
const cursorOf = (message: ChatMessageDto) => ({ createdAt: message.createdAt, id: message.id });

/** Every earlier reply of the thread, before `oldestShown`, page by page of `limit`; the pages, oldest first. */
async function pageThrough(person: TestPerson, groupId: string, threadId: string, oldestShown: ChatMessageDto, limit: number) {
  const pages: ChatMessageDto[][] = [];
  let cursor = cursorOf(oldestShown);
  for (;;) {
    const page = await listEarlierReplies(handle.db, person, await access(person, groupId), threadId, cursor, limit);
    pages.unshift(page.messages);
    if (!page.hasMore) return pages;
    cursor = cursorOf(page.messages[0]!);
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const companyId = (await createCompany(handle.db, "Acme")).id;
  owner = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
  member = await createPerson(handle.db, companyId, { name: "Lena Learner" });
  colleague = await createPerson(handle.db, companyId, { name: "Jonas Mueller" });
  outsider = await createPerson(handle.db, companyId, { name: "Olga Outside" });
  stranger = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id, { roles: ["admin"], name: "Gina Globex" });
});
afterAll(() => handle.close());

const privateGroup = () => createGroup(handle.db, owner, { members: [member, colleague] });

describe("a page of the chat", () => {
  it("carries each thread's newest replies, at most REPLIES_SHOWN, and how many replies each has", async () => {
    const group = await privateGroup();
    const long = await note(member, group.id, "Long thread");
    const short = await note(colleague, group.id, "Short thread");
    const quiet = await note(member, group.id, "No replies");
    const longReplies = await replies(group.id, long.id, REPLIES_SHOWN + 4);
    const shortReplies = await replies(group.id, short.id, REPLIES_SHOWN - 1);

    const page = await listMessages(handle.db, member, await access(member, group.id));
    const repliesTo = (threadId: string) => page.messages.filter((m) => m.replyToId === threadId);
    expect(ids(repliesTo(long.id))).toEqual(ids(longReplies.slice(-REPLIES_SHOWN)));
    expect(ids(repliesTo(short.id))).toEqual(ids(shortReplies));
    expect(page.replyCounts).toEqual({ [long.id]: REPLIES_SHOWN + 4, [short.id]: REPLIES_SHOWN - 1 });
    expect(ids(page.messages.filter((m) => m.replyToId === null))).toEqual([long.id, short.id, quiet.id]);
  });
});

describe("a thread's earlier replies", () => {
  it("come page by page before the oldest shown, each reply exactly once and in order, edited and deleted at their newest version", async () => {
    const group = await privateGroup();
    const thread = await note(colleague, group.id, "Thread");
    const posted = await replies(group.id, thread.id, 9);
    // Two replies of the same instant: the keyset orders them by id and skips neither.
    const at = tick();
    posted.push(await note(member, group.id, "Twin A", thread.id, at), await note(colleague, group.id, "Twin B", thread.id, at));
    posted.push(...(await replies(group.id, thread.id, 2)));
    const order = [...posted].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    // An early reply edited, another deleted: hidden from the page, they come at their newest version.
    const edited = await editMessage(
      handle.db,
      member,
      { messageId: posted[8]!.id, operationId: opId(), body: "Reply 9, edited" },
      { now: tick() },
    );
    await deleteMessage(handle.db, colleague, { messageId: posted[1]!.id, operationId: opId() }, { now: tick() });

    const page = await listMessages(handle.db, member, await access(member, group.id));
    const shown = page.messages.filter((m) => m.replyToId === thread.id);
    expect(page.replyCounts[thread.id]).toBe(posted.length);
    const pages = await pageThrough(member, group.id, thread.id, shown[0]!, 4);
    expect(pages.map((p) => p.length)).toEqual([2, 4, 4]);
    const all = [...pages.flat(), ...shown];
    expect(ids(all)).toEqual(ids(order));
    expect(all.find((m) => m.id === posted[8]!.id)).toMatchObject({ body: "Reply 9, edited", editedAt: edited.result.editedAt });
    expect(all.find((m) => m.id === posted[1]!.id)).toMatchObject({ body: "", deletedById: colleague.id });
    // What a resync brings of the thread (every change by seq, replies too) is the same messages, by id.
    const since = await messagesSince(handle.db, member, await access(member, group.id), 0);
    expect(new Set(ids(since.messages.filter((m) => m.replyToId === thread.id)))).toEqual(new Set(ids(all)));
  });

  it("are read by the group's readers only, of a top-level message of that group", async () => {
    const group = await privateGroup();
    const thread = await note(member, group.id, "Thread");
    const [first, second] = await replies(group.id, thread.id, 2);
    const other = await privateGroup();
    const elsewhere = await note(member, other.id, "Another group's thread");
    await replies(other.id, elsewhere.id, 1);
    const cursor = cursorOf(second!);
    const earlier = async (person: TestPerson, threadId = thread.id) =>
      listEarlierReplies(handle.db, person, await access(person, group.id), threadId, cursor);

    expect(await refusalOr(() => earlier(outsider))).toBe("not_found");
    expect(await refusalOr(() => earlier(stranger))).toBe("not_found");
    // Ids the browser sends are looked up within the group: another group's thread, or a reply, is not one of its threads.
    expect(await refusalOr(() => earlier(member, elsewhere.id))).toBe("not_found");
    expect(await refusalOr(() => earlier(member, first!.id))).toBe("not_found");
    // The rightful readers: its members and the company's admins.
    expect(ids((await earlier(colleague)).messages)).toEqual([first!.id]);
    expect(await earlier(owner)).toEqual({ messages: [first], hasMore: false });
  });
});
