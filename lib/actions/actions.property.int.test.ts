import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { withCompany } from "@/db/company";
import type { Viewer } from "@/lib/auth/viewer";
import { inputFor } from "@/tests/arbitraries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { footprint } from "@/tests/footprint";
import { createFuzzWorld, type FuzzWorld } from "@/tests/fuzz-world";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { serverActions } from "@/tests/server-actions";
import { actionInputs, readActions } from "./safe-action";

/**
 * The server actions that only read (searches, option lists, pages, resyncs), each with generated
 * inputs against a real database (issue 22): whatever comes in, the answer is data or an expected
 * error, never "something went wrong" (a driver's refusal, a TypeError), and nothing is written.
 * The writing actions are their operations, fuzzed through the kernel
 * (lib/operations/operations.property.int.test.ts).
 */

// The request Next would give the action: its caller (the world's admin), its headers, its database.
const request = vi.hoisted(() => ({ db: null as Database | null, viewer: null as Viewer | null }));
vi.mock("@/lib/auth/current-user", () => ({ getViewer: async () => request.viewer }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "fuzz-request" }) }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => request.db!,
  companyDb: (scope: { companyId: string }) => withCompany(request.db!, scope.companyId),
}));

const reads = (await serverActions()).filter(([, , action]) => readActions.has(action));

let handle: TestDatabase;
let world: FuzzWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFuzzWorld(handle.db);
  request.db = handle.db;
  request.viewer = {
    ...world.admin,
    name: "Ada Admin",
    companyName: "Fuzzed Co",
    locale: "en",
    timeZone: "Europe/Berlin",
  };
});
afterAll(async () => handle?.close());

describe("server actions that read", () => {
  it("finds them", () => {
    expect(reads.length).toBeGreaterThan(10);
  });

  it.each(reads)(
    "%s: %s answers data or an expected error, and writes nothing",
    async (_file, _name, action) => {
      const schema = actionInputs.get(action)!;
      const before = await footprint(handle.db, world.companyId);
      await fc.assert(
        fc.asyncProperty(inputFor(schema, world.inputs), async (input) => {
          const result = (await (action as (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(input)) ?? {};
          expect(result.error?.code).not.toBe("unexpected");
        }),
        propertyRuns(25, 2000),
      );
      expect(await footprint(handle.db, world.companyId)).toEqual(before);
    },
    propertyTimeout,
  );
});

describe("regressions the fuzzers found", () => {
  // A cursor naming the year 0 (ISO 8601 has one, PostgreSQL has not) reached the query: "something went wrong".
  it("a feed cursor in the year 0 is refused as input", async () => {
    const listFeed = reads.find(([, name]) => name === "listFeedAction")![2] as (input: unknown) => Promise<unknown>;
    const before = { createdAt: "0000-06-01T00:00:00.000Z", id: world.admin.id };
    expect(await listFeed({ groupId: world.groupId, before })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
  });
});
