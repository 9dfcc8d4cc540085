import type Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupChannelAt, type PersonalNews, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import type { ChatMessageDto } from "./queries";
import { mentionToken } from "./mentions";
import { postMessageSchema } from "./schemas";
import { editMessage } from "./operations/edit-message";
import { postMessage } from "./operations/post-message";

describe("chat messages live", () => {
  let handle: TestDatabase;
  let author: TestPerson;
  let reader: TestPerson;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    const companyId = (await createCompany(handle.db, "Acme")).id;
    author = await createPerson(handle.db, companyId, { name: "Alex Author" });
    reader = await createPerson(handle.db, companyId, { name: "Rita Reader" });
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await handle.close();
  });

  const next = <T>(channel: { bind: (event: string, callback: (data: T) => void) => void }, event: string) =>
    new Promise<T>((resolve) => channel.bind(event, resolve));

  it("reaches a member's subscribed client after commit: the message, then its edit, and the notification of the member it names", async () => {
    const group = await createGroup(handle.db, author, { members: [author, reader] });
    const { client, channel } = await subscribeAs(handle.db, reader, groupChannelAt(group.id, 0));
    const own = await subscribeAs(handle.db, reader, userChannel(reader.id));
    clients.push(client, own.client);
    const messages: ChatMessageDto[] = [];
    channel.bind(realtimeEvents.chatMessage, (message: ChatMessageDto) => messages.push(message));
    const news = next<PersonalNews<{ type: string; key: string }>>(own.channel, realtimeEvents.news);

    const operationId = opId();
    const posted = await postMessage(
      handle.db,
      author,
      postMessageSchema.parse({ groupId: group.id, operationId, kind: "note", body: `Live **now**, ${mentionToken("Rita", reader.id)}` }),
    );
    // Events leave only as data: nothing was published while the transaction ran.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(messages).toEqual([]);
    await deliver(posted, handle.db);
    const edited = await editMessage(handle.db, author, { messageId: posted.result.id, operationId: opId(), body: "Edited" });
    await deliver(edited, handle.db);

    const deadline = Date.now() + 10_000;
    while (messages.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(messages).toEqual([posted.result, edited.result]);
    expect(messages[0]).toMatchObject({ operationKey: operationId, seq: 1, body: `Live **now**, ${mentionToken("Rita", reader.id)}` });
    expect(messages[1]).toMatchObject({ seq: 2, body: "Edited" });
    expect((await news).notifications).toMatchObject([{ type: "chat.mention", key: posted.result.id }]);
  });
});
