import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { beforeAll, describe, expect, it } from "vitest";
import { reloadEnv } from "@/base/env";
import { type Player, rightfulCaller, sessionAttacker, sessionAttackers } from "@/tests/attackers";
import { companyFingerprint, companyMarks } from "@/tests/footprint";
import { importSource, routeFiles } from "@/tests/inventory";
import { CRON_SECRET, type RouteRequest, routeCases, ROUTES_ELSEWHERE } from "@/tests/matrix/routes";

/**
 * The authorization matrix of the app's route tree (issue #22): every method of every route.ts,
 * read from the tree, has a rightful request that succeeds, and each attacker sends exactly that
 * request (a key instead of a session, for the API's keys) and is refused with the route's status,
 * leaving the company's database as it was. The HR API and the channels have files of their own.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every handler of the route tree, by file and the methods it answers: methods exporting one handler (a job's GET and POST) are one way in. */
const inventory = new Map<string, { file: string; methods: string; handler: Handler }>();
for (const file of routeFiles().filter((file) => !(file in ROUTES_ELSEWHERE))) {
  const exported = await importSource(file);
  const byHandler = new Map<Handler, string[]>();
  for (const method of HTTP_METHODS) {
    const handler = exported[method];
    if (typeof handler === "function") byHandler.set(handler as Handler, [...(byHandler.get(handler as Handler) ?? []), method]);
  }
  for (const [handler, methods] of byHandler)
    inventory.set(`${file} ${methods.join(", ")}`, { file, methods: methods.join(", "), handler });
}

const entries = [...inventory].flatMap(([key, { file, methods, handler }]) => {
  const entry = routeCases[file]?.[methods];
  if (!entry) return [];
  const method = methods.split(", ")[0]!;
  const attackers = sessionAttackers(key, entry, { permission: entry.permission, reads: method === "GET", keys: true });
  return [{ key, method, handler, entry, attackers }];
});

/** The request as the browser (or the scheduler) sends it: made anew for every caller, a body is read once. */
function send(handler: Handler, method: string, call: RouteRequest, bearer?: string): Promise<Response> {
  const headers = new Headers(call.contentType ? { "content-type": call.contentType } : {});
  if (bearer) headers.set("authorization", `Bearer ${bearer}`);
  const request = new Request(`http://cohort.test${call.path}`, { method, headers, body: call.body });
  return handler(request, { params: Promise.resolve(call.params ?? {}) });
}

const signIn = (player: Player | null) => presentSession(player && { userId: player.id, sessionId: player.sessionId });

// The scheduler's secret, set before the stage: the cron routes read it.
beforeAll(() => {
  process.env.CRON_SECRET = CRON_SECRET;
  reloadEnv();
});
const stage = stageMatrix({
  prepare: async ({ cast }) => {
    // The keys exist before any fingerprint is taken: made during an attack, they would be its writes.
    await Promise.all([cast.apiKey("own", "read"), cast.apiKey("own", "write")]);
  },
  cleanUp: () => {
    delete process.env.CRON_SECRET;
    reloadEnv();
  },
});

describe("the inventory", () => {
  it("has a case for every handler of the route tree, and none for anything else", () => {
    const keys = Object.entries(routeCases).flatMap(([file, methods]) => Object.keys(methods).map((method) => `${file} ${method}`));
    expect(keys.sort()).toEqual([...inventory.keys()].sort());
  });

  it("names only route files that exist as covered elsewhere", () => {
    expect(Object.keys(ROUTES_ELSEWHERE).filter((file) => !routeFiles().includes(file))).toEqual([]);
  });
});

describe.each(entries)("$key", ({ method, handler, entry, attackers }) => {
  let call: RouteRequest;
  let before: Record<string, string>;

  beforeAll(async () => {
    call = await entry.prepare(stage.cast);
    before = await companyFingerprint(stage.handle.db, stage.cast.companyId);
  });

  it.each(attackers)("refuses $kind ($refusal.by)", async ({ kind, refusal }) => {
    let response: Response;
    if (kind === "apiKeyRead" || kind === "apiKeyWrite") {
      await signIn(null);
      response = await send(handler, method, call, await stage.cast.apiKey("own", kind === "apiKeyRead" ? "read" : "write"));
    } else {
      await signIn(sessionAttacker(stage.cast, kind));
      response = await send(handler, method, call);
    }
    const body = await response.text();
    if (refusal.by === "elsewhere") {
      expect(response.status).toBe(entry.status ?? 200);
      expect((await companyMarks(stage.handle.db, stage.cast.companyId)).filter((mark) => body.includes(mark))).toEqual([]);
    } else {
      expect(response.status).toBe(entry.refusedWith?.[refusal.by] ?? 404);
    }
    expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).toEqual(before);
  });

  it("the rightful request succeeds", async () => {
    await signIn(call.actor ?? rightfulCaller(stage.cast, entry.as));
    const response = await send(handler, method, call, call.bearer);
    expect(response.status, await response.clone().text()).toBe(entry.status ?? 200);
  });
});
