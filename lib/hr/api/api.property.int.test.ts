import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { registeredOperations } from "@/lib/operations/kernel";
import { type GeneratedRequest, requestFor, schemasAccept, toRequest } from "@/tests/api-requests";
import { footprint } from "@/tests/footprint";
import { type FuzzWorld, stageFuzzWorld } from "@/tests/fuzz-world";
import { leakIn } from "@/tests/leaks";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { handleApiRequest } from "./handler";
import { API_ROUTES } from "./registry";
import type { ApiRoute } from "./route";

/**
 * Every HR API route with generated requests, real `Request` objects through `handleApiRequest`
 * (issue 22): paths, query strings and JSON bodies from the routes' schemas, hostile ones among them
 * (deep, broken, NUL, halves of surrogate pairs), and now and then a wrong key, header or media type.
 * Never a 500, never a stack or a driver's words in the body, and a refusal writes nothing (but the
 * audit row of a refusal audited on purpose). At least a third pass the route's schemas.
 */

let db: Database;
let world: FuzzWorld;
stageFuzzWorld((stage) => ({ db, world } = stage));

type Sent = { key: "write" | "read" | "none" | "unknown"; idempotencyKey: string | null; contentType: string | null };

/** Mostly what a client sends; sometimes the wrong key, no key, a key or a media type the API refuses. */
const sent: fc.Arbitrary<Sent> = fc.record({
  key: fc.constantFrom("write", "write", "write", "write", "read", "none", "unknown"),
  idempotencyKey: fc.oneof(
    { weight: 8, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(null, "a".repeat(256), "with space", "ÿ") },
  ),
  contentType: fc.constantFrom(
    "application/json",
    "application/json",
    "application/json",
    "application/merge-patch+json",
    "text/plain",
    null,
  ),
});

function headersOf(route: ApiRoute, { key, idempotencyKey, contentType }: Sent): Record<string, string> {
  const headers: Record<string, string> = {};
  if (key === "write" || key === "read") headers.authorization = `Bearer ${world.keys[key]}`;
  if (key === "unknown") headers.authorization = `Bearer cohort_${"x".repeat(43)}`;
  if (route.method !== "GET" && idempotencyKey !== null) headers["idempotency-key"] = idempotencyKey;
  if (contentType) headers["content-type"] = contentType;
  return headers;
}

/** A refusal of this route may leave one row: the audit of a refusal audited on purpose (`auditRefusal`). */
const auditsRefusals = (route: ApiRoute) =>
  Boolean(route.operation && registeredOperations().get(route.operation.spec.kind)?.spec.auditRefusal);

const routes = API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const);

describe("the HR API with generated requests", () => {
  it("covers every route of the registry", () => {
    expect(routes.length).toBe(API_ROUTES.length);
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(routes)(
    "%s: never a 500 nor a leak, nothing written on a refusal",
    async (_name, route) => {
      let runs = 0;
      let accepted = 0;
      let current = await footprint(db, world.companyId);
      await fc.assert(
        fc.asyncProperty(requestFor(route, world.inputs), sent, async (generated: GeneratedRequest, client: Sent) => {
          runs++;
          if (schemasAccept(route, generated)) accepted++;
          const before = current;
          const request = toRequest(route, generated, headersOf(route, client));
          const response = await handleApiRequest(request, {
            db,
            schedule: () => undefined,
            rateLimit: { limit: 1_000_000, windowSeconds: 60 },
          });
          const text = await response.text();
          expect(response.status, text).toBeLessThan(500);
          expect(leakIn(text), text).toBeNull();
          current = await footprint(db, world.companyId);
          if (response.status < 400) return;
          const audited = { ...before, audit: Number(before.audit) + 1 };
          expect(current, text).toEqual(auditsRefusals(route) && current.audit !== before.audit ? audited : before);
        }),
        propertyRuns(25, 2000),
      );
      expect(accepted / runs, `${accepted} of ${runs} requests passed the route's schemas`).toBeGreaterThanOrEqual(1 / 3);
    },
    propertyTimeout,
  );
});

describe("regressions the fuzzers found", () => {
  // A cursor naming the year 0 (ISO 8601 has one, PostgreSQL has not) reached the query: a 500.
  it("a page cursor in the year 0 is an invalid query, not a 500", async () => {
    const cursor = Buffer.from(JSON.stringify(["0000-06-01T00:00:00.000Z", world.admin.id])).toString("base64url");
    const request = new Request(`http://cohort.test/api/v1/people?cursor=${cursor}`, {
      headers: { authorization: `Bearer ${world.keys.read}` },
    });
    const response = await handleApiRequest(request, { db, schedule: () => undefined });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "invalidQuery", errors: [{ parameter: "cursor" }] });
  });
});
