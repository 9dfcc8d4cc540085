import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { inputFor } from "@/tests/arbitraries";
import { jsonBodyFor, paramsOf, queryOf } from "@/tests/api-requests";
import { apiKey, refusalOf } from "@/tests/input-issues";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { zodIssues } from "./problem";
import { API_ROUTES } from "./registry";

/**
 * Every HR API route's schemas (path, query string, body) against generated requests, hostile ones
 * among them, as the router hands them over (issue 22): parsing never throws, and a refusal's details
 * are sentences of the catalogue or zod's own, never another text. The routes are the registry's.
 */

/** Parses as the router does; the refusal's problem details are built as the router builds them. */
function checkRefusal(schema: z.ZodType, value: unknown, where: "body" | "query") {
  const { error, strays } = refusalOf(schema, value, apiKey);
  expect(strays).toEqual([]);
  if (error) expect(zodIssues(error, where).length).toBeGreaterThan(0);
}

/** The body as the router reads it: text it cannot parse is answered before any schema (malformedJson). */
function parsedBody(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/** Each part of each route a client writes, as its own case: `[route, part, check]`. */
const cases = API_ROUTES.flatMap((route) => {
  const name = `${route.method} ${route.path}`;
  const parts: [string, string, () => void][] = [];
  const { params, query, body } = route;
  if (params)
    parts.push([
      name,
      "path parameters",
      // A malformed id is answered as "not found" (handler.ts): only throwing matters here.
      () =>
        fc.assert(
          fc.property(inputFor(params), (value) => void params.safeParse(paramsOf(route, value))),
          propertyRuns(200, 2000),
        ),
    ]);
  if (query)
    parts.push([
      name,
      "query string",
      () =>
        fc.assert(
          fc.property(inputFor(query).map(queryOf), (value) => checkRefusal(query, value, "query")),
          propertyRuns(200, 2000),
        ),
    ]);
  if (route.scope === "write" && body)
    parts.push([
      name,
      "JSON body",
      () =>
        fc.assert(
          fc.property(jsonBodyFor(body), (text) => {
            const parsed = parsedBody(text);
            if (parsed) checkRefusal(body, parsed.value, "body");
          }),
          propertyRuns(200, 2000),
        ),
    ]);
  return parts;
});

describe("HR API inputs", () => {
  it("covers every route of the registry, each write with its body", () => {
    const covered = new Set(cases.map(([name]) => name));
    expect(API_ROUTES.map((route) => `${route.method} ${route.path}`).filter((name) => !covered.has(name))).toEqual([]);
    const writes = API_ROUTES.filter((route) => route.scope === "write").map((route) => `${route.method} ${route.path}`);
    expect(cases.filter(([, part]) => part === "JSON body").map(([name]) => name)).toEqual(writes);
  });

  it.each(cases)("%s: %s never throws, and refuses in catalogue sentences", (_name, _part, check) => check(), propertyTimeout);
});
