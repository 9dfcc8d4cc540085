import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/groups/[id]/messages/route";
import { opId } from "@/tests/fixtures";
import { postMessage } from "./operations/post-message";
import type { MessagesSince } from "./queries";

/** The chat's resync route as the page calls it: what it answers, and what bad input gets. */

const stage = stageMatrix();

async function resync(groupId: string, query: string): Promise<{ status: number; body: { data?: MessagesSince; error?: unknown } }> {
  const response = await GET(new Request(`http://cohort.test/api/groups/${groupId}/messages${query}`), {
    params: Promise.resolve({ id: groupId }),
  });
  return { status: response.status, body: await response.json() };
}

describe("the chat's resync route", () => {
  it("answers the messages above `after`, in sequence order", async () => {
    const { cast } = stage;
    const groupId = cast.privateGroupId;
    const posted = [];
    for (const body of ["First", "Second", "Third"])
      posted.push((await postMessage(cast.db, cast.member, { groupId, operationId: opId(), kind: "note", body })).result);
    await presentSession(cast.member);
    const { status, body } = await resync(groupId, `?after=${posted[0]!.seq}`);
    expect(status).toBe(200);
    expect(body.data!.messages.map((message) => message.body)).toEqual(["Second", "Third"]);
    expect(body.data!.lastSeq).toBe(posted[2]!.seq);
  });

  it.each(["", "?after=", "?after=-1", "?after=1.5", "?after=abc", "?after=1e3"])("refuses %j as invalid input", async (query) => {
    await presentSession(stage.cast.member);
    const { status, body } = await resync(stage.cast.privateGroupId, query);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_input", fieldErrors: { after: [expect.any(String)] } } });
  });

  it("answers a group id that is no uuid as invalid input, and a signed-out caller 401", async () => {
    await presentSession(stage.cast.member);
    expect((await resync("not-a-group", "?after=0")).status).toBe(400);
    await presentSession(null);
    expect(await resync(stage.cast.privateGroupId, "?after=0")).toMatchObject({
      status: 401,
      body: { error: { code: "unauthenticated" } },
    });
  });
});
