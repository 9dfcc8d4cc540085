import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/groups/[id]/messages/route";
import { POST as markReadRoute } from "@/app/api/groups/[id]/read/route";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { opId } from "@/tests/fixtures";
import { postMessage } from "./operations/post-message";
import type { MessagesSince } from "./queries";

/** The chat's routes as the page calls them (the resync, the read mark): what they answer, and what bad input gets. */

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

async function mark(groupId: string, body: string): Promise<{ status: number; text: string }> {
  const response = await markReadRoute(
    new Request(`http://cohort.test/api/groups/${groupId}/read`, { method: "POST", headers: { "content-type": "application/json" }, body }),
    { params: Promise.resolve({ id: groupId }) },
  );
  return { status: response.status, text: await response.text() };
}

describe("the chat's read-mark route", () => {
  it("marks the chat read up to now for the caller", async () => {
    const { cast } = stage;
    const groupId = cast.privateGroupId;
    const readAt = async () =>
      (
        await queryRows<{ at: Date }>(
          cast.db,
          sql`select last_read_at as at from group_reads where user_id = ${cast.member.id} and group_id = ${groupId}`,
        )
      )[0]?.at ?? null;
    const before = await readAt();
    const started = Date.now();
    await presentSession(cast.member);
    expect(await mark(groupId, JSON.stringify({ operationId: opId() }))).toEqual({ status: 204, text: "" });
    const after = await readAt();
    expect(after).not.toBeNull();
    expect(new Date(after!).getTime()).toBeGreaterThanOrEqual(Math.max(started - 1000, before ? new Date(before).getTime() : 0));
  });

  it.each(["", "{}", "not json", JSON.stringify({ operationId: "nope" }), JSON.stringify({ operationId: 7 })])(
    "refuses the body %j as invalid input",
    async (body) => {
      await presentSession(stage.cast.member);
      const { status, text } = await mark(stage.cast.privateGroupId, body);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({ error: { code: "invalid_input", fieldErrors: { operationId: [expect.any(String)] } } });
    },
  );
});
