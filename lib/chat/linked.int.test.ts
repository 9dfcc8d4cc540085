import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { requireGroupAccess } from "@/lib/group-access/access";
import { findLinkedMessage } from "./linked";
import { type ChatMessageDto, listMessages, MESSAGE_PAGE_SIZE, REPLIES_SHOWN } from "./queries";
import { postMessageSchema } from "./schemas";
import { postMessage } from "./operations/post-message";

let handle: TestDatabase;
let owner: TestPerson;
let member: TestPerson;
let stranger: TestPerson;

let clock = new Date("2026-05-04T08:00:00Z").getTime();
const note = async (person: TestPerson, groupId: string, body: string, replyToId?: string) =>
  (
    await postMessage(handle.db, person, postMessageSchema.parse({ groupId, operationId: opId(), kind: "note", body, replyToId }), {
      now: new Date((clock += 2000)),
    })
  ).result;
const access = (person: TestPerson, groupId: string) => requireGroupAccess(handle.db, person, groupId);

beforeAll(async () => {
  handle = await createTestDatabase();
  const companyId = (await createCompany(handle.db, "Acme")).id;
  owner = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
  member = await createPerson(handle.db, companyId, { name: "Lena Learner" });
  stranger = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id, { roles: ["admin"] });
});
afterAll(() => handle.close());

describe("a link to a message", () => {
  it("opens a page that reaches back to the message's thread, whose reply it is or which it is", async () => {
    const group = await createGroup(handle.db, owner, { members: [member] });
    const question = await note(member, group.id, "Where is the handbook?");
    const answers: ChatMessageDto[] = [];
    for (let i = 1; i <= REPLIES_SHOWN + 2; i++) answers.push(await note(i % 2 ? owner : member, group.id, `Answer ${i}`, question.id));
    // The question is pushed off the newest page by later top-level messages.
    for (let i = 1; i <= MESSAGE_PAGE_SIZE + 5; i++) await note(i % 2 ? owner : member, group.id, `Later ${i}`);

    const firstAnswer = await findLinkedMessage(handle.db, member, await access(member, group.id), answers[0]!.id);
    expect(firstAnswer).toEqual({ messageId: answers[0]!.id, threadId: question.id, limit: MESSAGE_PAGE_SIZE + 6 });
    const page = await listMessages(handle.db, member, await access(member, group.id), { limit: firstAnswer!.limit });
    expect(page.messages.some((message) => message.id === question.id)).toBe(true);
    // The reply itself is older than the replies a page shows: the chat loads the thread's earlier ones.
    expect(page.messages.some((message) => message.id === answers[0]!.id)).toBe(false);
    expect(page.replyCounts[question.id]).toBe(REPLIES_SHOWN + 2);

    const newest = await findLinkedMessage(handle.db, member, await access(member, group.id), page.messages.at(-1)!.id);
    expect(newest?.limit).toBe(MESSAGE_PAGE_SIZE);
  });

  it("finds nothing for a message of another group, however the id was got", async () => {
    const group = await createGroup(handle.db, owner, { members: [member] });
    const other = await createGroup(handle.db, owner, { members: [member] });
    const elsewhere = await note(member, other.id, "In the other group");
    expect(await findLinkedMessage(handle.db, member, await access(member, group.id), elsewhere.id)).toBeNull();
    const globex = await createGroup(handle.db, stranger, { members: [] });
    const theirs = await note(stranger, globex.id, "Globex only");
    expect(await findLinkedMessage(handle.db, member, await access(member, group.id), theirs.id)).toBeNull();
  });
});
