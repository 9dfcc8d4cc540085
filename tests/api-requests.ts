import fc from "fast-check";
import type { z } from "zod";
import { API_BASE } from "@/lib/hr/api/registry";
import type { ApiRoute } from "@/lib/hr/api/route";
import { deepJson, inputFor, MAX_DEPTH, type InputOptions } from "./arbitraries";

/**
 * Generated HR API requests, as a client would send them (tests/arbitraries.ts makes the values):
 * path segments, query strings and JSON bodies, hostile ones among them.
 */

/** Bodies no serializer writes: deep, broken, escaped NULs and halves of surrogate pairs, keys that pollute. */
const rawBody = fc.oneof(
  fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => deepJson(depth)),
  fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => deepJson(depth, '{"a":', "}").replace(/:\}/, ":null}")),
  fc.constantFrom(
    "{",
    "[1,]",
    '{"a":}',
    "nul",
    "\u0000",
    '"\\ud800"',
    '{"name":"\\u0000","email":"a@b.example"}',
    '{"name":"\\udfff x","email":"a@b.example"}',
    '{"userIds":["\\u0000"]}',
    "1e999",
    "\uFEFF{}",
    '{"__proto__":{"roles":["admin"]},"constructor":{"prototype":{"admin":true}}}',
    "[]",
    "null",
  ),
);

/** A value as the body's text; one too deep to serialize is sent as the deepest text, one JSON cannot hold as none. */
function asJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return error instanceof RangeError ? deepJson(MAX_DEPTH) : "";
  }
}

/** A body's text for `schema`: mostly its inputs serialized, sometimes text no serializer writes. */
export const jsonBodyFor = (schema: z.ZodType, options: InputOptions = {}) =>
  fc.oneof({ weight: 6, arbitrary: inputFor(schema, options).map(asJson) }, { weight: 1, arbitrary: rawBody });

/** A value as a client puts it into a URL: its text (an object without one reads as its tag). */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A generated query as the handler reads it: a URL's search parameters (so lone surrogates arrive as U+FFFD). */
export function queryOf(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return Object.fromEntries(new URLSearchParams(entries.map(([key, item]) => [key, asText(item)])));
}

/** The route's path with each `{name}` filled from a generated value, percent-encoded as a client's URL carries it. */
export function pathOf(route: ApiRoute, value: unknown): string {
  const named = (name: string) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : value);
  // A URL carries no half of a surrogate pair: a client's encoder writes U+FFFD for it.
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(asText(named(name)).toWellFormed()) || "-");
}

/** The path parameters the router finds in a path (handler.ts): the segments as they are in the URL, undecoded. */
export function paramsIn(route: ApiRoute, path: string): Record<string, string> {
  const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);
  return { ...pattern.exec(new URL(`http://cohort.test${path}`).pathname)?.groups };
}

/** The path parameters the router hands the route for a generated value. */
export const paramsOf = (route: ApiRoute, value: unknown) => paramsIn(route, pathOf(route, value));

export type GeneratedRequest = { path: string; query: Record<string, string>; body: string };

/** A whole request for `route`: path, query and body from its schemas. */
export const requestFor = (route: ApiRoute, options: InputOptions = {}): fc.Arbitrary<GeneratedRequest> =>
  fc.record({
    path: route.params ? inputFor(route.params, options).map((value) => pathOf(route, value)) : fc.constant(route.path),
    query: route.query ? inputFor(route.query, options).map(queryOf) : fc.constant({}),
    body: route.scope === "write" && route.body ? jsonBodyFor(route.body, options) : fc.constant(""),
  });

/** Whether the route's schemas take the request: what is left to answer is the work's, not the input's. */
export function schemasAccept(route: ApiRoute, generated: GeneratedRequest): boolean {
  if (route.params && !route.params.safeParse(paramsIn(route, generated.path)).success) return false;
  if (route.query && !route.query.safeParse(generated.query).success) return false;
  if (route.scope !== "write" || !route.body) return true;
  try {
    return route.body.safeParse(generated.body.trim() === "" ? {} : JSON.parse(generated.body)).success;
  } catch {
    return false;
  }
}

/** The generated request as a real one, with the key and headers a client sends. */
export function toRequest(route: ApiRoute, generated: GeneratedRequest, headers: Record<string, string>): Request {
  const url = new URL(`http://cohort.test${API_BASE}${generated.path}`);
  for (const [key, value] of Object.entries(generated.query)) url.searchParams.set(key, value);
  const body = route.method === "GET" || generated.body === "" ? undefined : generated.body;
  return new Request(url, { method: route.method, headers, body });
}
