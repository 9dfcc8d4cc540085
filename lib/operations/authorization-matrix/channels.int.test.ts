import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_KINDS } from "@/lib/realtime/channels";
import { type Player, rightfulCaller, sessionAttacker, sessionAttackers } from "@/tests/attackers";
import { companyFingerprint } from "@/tests/footprint";
import { importSource } from "@/tests/inventory";
import { channelCases } from "@/tests/matrix/channels";

/**
 * The authorization matrix of the realtime channels (issue #22): for every kind of channel the
 * parser knows (`CHANNEL_KINDS`), the rightful subscriber is authorized by the channel-auth route,
 * and everyone else is refused (403; 401 without a session, a key's bearer included) and leaves no
 * grant behind. The database decides on every call (`canSubscribe`).
 */

type Handler = (request: Request) => Promise<Response>;
const { POST: authorizeChannel } = (await importSource("app/api/realtime/auth/route.ts")) as { POST: Handler };

const entries = CHANNEL_KINDS.flatMap((kind) => {
  const entry = channelCases[kind];
  return entry
    ? [{ kind, entry, attackers: sessionAttackers(`channel ${kind}`, entry, { permission: null, reads: false, keys: true }) }]
    : [];
});

/** pusher-js's request for one channel, from one socket. */
function subscribe(channel: string, bearer?: string): Promise<Response> {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (bearer) headers.set("authorization", `Bearer ${bearer}`);
  const body = new URLSearchParams({ socket_id: "1234.5678", channel_name: channel }).toString();
  return authorizeChannel(new Request("http://cohort.test/api/realtime/auth", { method: "POST", headers, body }));
}

const signIn = (player: Player | null) => presentSession(player && { userId: player.id, sessionId: player.sessionId });

const stage = stageMatrix({
  // The keys exist before any fingerprint is taken: made during an attack, they would be its writes.
  prepare: async ({ cast }) => void (await Promise.all([cast.apiKey("own", "read"), cast.apiKey("own", "write")])),
});

describe("the inventory", () => {
  it("has a case for every kind of channel, and none for anything else", () => {
    expect(Object.keys(channelCases).sort()).toEqual([...CHANNEL_KINDS].sort());
  });
});

describe.each(entries)("$kind", ({ entry, attackers }) => {
  let channel: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    channel = await entry.channel(stage.cast);
    before = await companyFingerprint(stage.handle.db, stage.cast.companyId);
  });

  it.each(attackers)("refuses $kind ($refusal.by)", async ({ kind, refusal }) => {
    let response: Response;
    if (kind === "apiKeyRead" || kind === "apiKeyWrite") {
      await signIn(null);
      response = await subscribe(channel, await stage.cast.apiKey("own", kind === "apiKeyRead" ? "read" : "write"));
    } else {
      await signIn(sessionAttacker(stage.cast, kind));
      response = await subscribe(channel);
    }
    expect(response.status).toBe(refusal.by === "session" ? 401 : 403);
    expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).toEqual(before);
  });

  it("the rightful subscriber is authorized", async () => {
    await signIn(rightfulCaller(stage.cast, entry.as));
    const response = await subscribe(channel);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ auth: expect.stringMatching(/^cohort-test-key:/) });
  });
});
