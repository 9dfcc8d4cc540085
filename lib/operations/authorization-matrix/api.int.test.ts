import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { API_BASE, API_ROUTES } from "@/lib/hr/api/registry";
import type { ApiRoute } from "@/lib/hr/api/route";
import { type AttackerKind, type Cast } from "@/tests/attackers";
import { companyFingerprint, companyMarks } from "@/tests/footprint";
import { importSource } from "@/tests/inventory";
import { type ApiCase, apiCases } from "@/tests/matrix/api";

/**
 * The authorization matrix of the HR API (issue #22), one endpoint of the registry at a time,
 * through the app's own route handler: the rightful request with the company's key of the
 * endpoint's scope succeeds; the same request with another company's key, with a read key on a
 * write, or with the key of an admin no longer active is refused, and changes nothing of the
 * company's. The API takes keys only: the company's people reach it with none (a session is no key).
 */

type Handler = (request: Request) => Promise<Response>;
const route = (await importSource("app/api/v1/[...path]/route.ts")) as Record<string, Handler>;

type ApiAttacker = { kind: AttackerKind; status: number | "elsewhere"; key: (cast: Cast) => Promise<string> };

/** Which keys attack an endpoint, and how each is answered. */
function attackersOf(endpoint: ApiRoute, entry: ApiCase): ApiAttacker[] {
  const attackers: ApiAttacker[] = [];
  const foreign = (cast: Cast) => cast.apiKey("otherCompany", endpoint.scope);
  if (entry.names !== false) attackers.push({ kind: "otherCompany", status: entry.notFound ?? 404, key: foreign });
  else if (endpoint.scope === "read") attackers.push({ kind: "otherCompany", status: "elsewhere", key: foreign });
  // A write key reads too: only a read key is refused something, a write.
  if (endpoint.scope === "write") attackers.push({ kind: "apiKeyRead", status: 403, key: (cast) => cast.apiKey("own", "read") });
  attackers.push({ kind: "deactivated", status: 401, key: (cast) => cast.apiKey("deactivated", endpoint.scope) });
  return attackers;
}

const entries = API_ROUTES.flatMap((endpoint) => {
  const entry = apiCases[endpoint.operationId];
  return entry ? [{ key: `${endpoint.method} ${endpoint.path}`, endpoint, entry, attackers: attackersOf(endpoint, entry) }] : [];
});

/** The request, made anew for every caller; a write carries the one Idempotency-Key of the rightful request. */
function send(endpoint: ApiRoute, call: { path: string; body?: unknown; idempotencyKey: string }, key: string): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${key}` });
  if (endpoint.method !== "GET") headers.set("idempotency-key", call.idempotencyKey);
  if (call.body !== undefined) headers.set("content-type", "application/json");
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  return route[endpoint.method]!(new Request(`http://cohort.test${API_BASE}${call.path}`, { method: endpoint.method, headers, body }));
}

const stage = stageMatrix({
  prepare: async ({ cast }) => {
    await presentSession(null);
    // Every key exists before any fingerprint is taken: made during an attack, it would be its write.
    for (const holder of ["own", "otherCompany", "deactivated"] as const)
      for (const scope of ["read", "write"] as const) await cast.apiKey(holder, scope);
  },
});

describe("the inventory", () => {
  it("has a case for every endpoint of the registry, and none for anything else", () => {
    expect(Object.keys(apiCases).sort()).toEqual(API_ROUTES.map((endpoint) => endpoint.operationId).sort());
  });
});

describe.each(entries)("$key", ({ endpoint, entry, attackers }) => {
  let call: { path: string; body?: unknown; idempotencyKey: string };
  let before: Record<string, string>;

  beforeAll(async () => {
    call = { ...(await entry.prepare(stage.cast)), idempotencyKey: randomUUID() };
    before = await companyFingerprint(stage.handle.db, stage.cast.companyId);
  });

  it.each(attackers)("refuses $kind ($status)", async ({ status, key }) => {
    const response = await send(endpoint, call, await key(stage.cast));
    const body = await response.text();
    if (status === "elsewhere") {
      expect(response.status).toBe(200);
      expect((await companyMarks(stage.handle.db, stage.cast.companyId)).filter((mark) => body.includes(mark))).toEqual([]);
    } else {
      expect(response.status, body).toBe(status);
    }
    expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).toEqual(before);
  });

  it("the rightful request succeeds", async () => {
    const response = await send(endpoint, call, await stage.cast.apiKey("own", endpoint.scope));
    expect(response.status, await response.clone().text()).toBe(endpoint.response.status);
    // A write's operation shows in the fingerprint: the attackers' unchanged one means something.
    if (endpoint.scope === "write") expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).not.toEqual(before);
  });
});
