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
import { serverActions } from "@/tests/inventory";
import { actionInputs, readActions } from "./safe-action";

/**
 * The server actions with a handler of their own (searches, option lists, pages, resyncs, the course
 * file's import), each with generated inputs against a real database (issue 22): whatever comes in,
 * the answer is data or an expected error, never "something went wrong" (a driver's refusal, a
 * TypeError, a stack overflow), and a read or a refusal writes nothing. The other actions are their
 * operations, fuzzed through the kernel (lib/operations/operations.property.int.test.ts).
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

type Action = (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;

/** Whether the action is a signed-in person's: it answers a signed-out caller before anything else. */
async function signedInOnly(action: Action): Promise<boolean> {
  request.viewer = null;
  return (await action(undefined)).error?.code === "unauthenticated";
}

/**
 * The actions with a handler of their own, for a signed-in person: the reads, and those that read
 * their input before their operation (a course file). A signed-out person's actions answer after a
 * fixed time whatever they are given (the reset link's), which would take minutes here: their
 * schemas are fuzzed (actions.property.test.ts), their operations through the kernel.
 */
const handled: [string, string, Action][] = [];
for (const [file, name, action] of await serverActions()) {
  if (actionInputs.has(action) && (await signedInOnly(action as Action))) handled.push([file, name, action as Action]);
}

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

describe("server actions with a handler of their own", () => {
  it("finds them: every read, and the course file's import", () => {
    expect(handled.filter(([, , action]) => readActions.has(action)).length).toBeGreaterThan(10);
    expect(handled.map(([, name]) => name)).toContain("importCourseAction");
  });

  it.each(handled)(
    "%s: %s answers data or an expected error, and writes nothing but its work",
    async (_file, _name, action) => {
      const schema = actionInputs.get(action)!;
      const reads = readActions.has(action);
      let current = await footprint(handle.db, world.companyId);
      await fc.assert(
        fc.asyncProperty(inputFor(schema, world.inputs), async (input) => {
          const before = current;
          const result = await action(input);
          expect(result.error?.code).not.toBe("unexpected");
          current = await footprint(handle.db, world.companyId);
          // A read writes nothing, and neither does a refusal.
          if (reads || !result.ok) expect(current).toEqual(before);
        }),
        propertyRuns(25, 2000),
      );
    },
    propertyTimeout,
  );
});

describe("regressions the fuzzers found", () => {
  // A cursor naming the year 0 (ISO 8601 has one, PostgreSQL has not) reached the query: "something went wrong".
  it("a feed cursor in the year 0 is refused as input", async () => {
    const listFeed = handled.find(([, name]) => name === "listFeedAction")![2];
    const before = { createdAt: "0000-06-01T00:00:00.000Z", id: world.admin.id };
    expect(await listFeed({ groupId: world.groupId, before })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
  });
});
