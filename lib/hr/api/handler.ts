import "server-only";
import type { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { withCompany } from "@/db/company";
import { afterCommit, type Schedule } from "@/lib/actions/after-commit";
import { currentTime } from "@/base/clock";
import { notFound } from "@/lib/errors";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@/lib/http/json-depth";
import { requestIdOf } from "@/lib/http/request-id";
import { preferredLocale, textLanguage } from "@/lib/i18n/catalogue";
import { type ApiCaller, authenticate, DEFAULT_RATE_LIMIT, type RateLimit, takeRateLimit } from "./auth";
import { idempotencyKeyOf, idempotent, requestHash, type StoredResponse } from "./idempotency";
import { ApiProblem, problemResponse, toProblem, ValidationProblem, zodIssues } from "./problem";
import { API_BASE, API_ROUTES } from "./registry";
import type { ApiRoute } from "./route";

export type ApiOptions = {
  db?: Database;
  /** Per key and window; the route handlers use the default, a test may pass a small one. */
  rateLimit?: RateLimit;
  now?: () => Date;
  /** Runs deliveries after the response (Next's `after`); outside a request, the caller decides. */
  schedule?: Schedule;
};

type Matched = { route: ApiRoute; params: Record<string, string> };

const compiled = API_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}/?$`),
}));

/** The endpoint for a path and method: 404 for no such path, 405 (with Allow) for another method. */
function match(method: string, path: string): Matched {
  const found = compiled.flatMap(({ route, pattern }) => {
    const result = pattern.exec(path);
    return result ? [{ route, params: { ...result.groups } }] : [];
  });
  if (found.length === 0) throw new ApiProblem(404, "unknownRoute");
  const exact = found.find((candidate) => candidate.route.method === method);
  if (!exact) throw new ApiProblem(405, "methodNotAllowed", {}, { allow: found.map((candidate) => candidate.route.method).join(", ") });
  return exact;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: "body" | "query"): z.output<S> {
  if (!schema) return value as z.output<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationProblem(zodIssues(parsed.error, where), where === "body" ? "invalidBody" : "invalidQuery");
  return parsed.data;
}

/** The JSON body; an absent body reads as `{}` (deactivation has nothing to say). */
async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new ApiProblem(415, "unsupportedMediaType");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw error instanceof SyntaxError ? new ApiProblem(400, "malformedJson") : error;
  }
  if (nestsDeeperThan(body)) throw new ApiProblem(400, "jsonTooDeep", { max: MAX_JSON_DEPTH });
  return body;
}

const json = (response: StoredResponse, headers: Record<string, string>) =>
  new Response(JSON.stringify(response.body), {
    status: response.status,
    headers: { "content-type": "application/json", ...headers },
  });

/**
 * Every request of /api/v1: the endpoint is matched, the key authenticated and counted against its
 * rate limit, the scope checked, the input validated with the forms' schemas, the same services as
 * the admin screens called, and every error answered as problem details. Writes run once per
 * Idempotency-Key; their events and mail go out after the response.
 */
export async function handleApiRequest(request: Request, options: ApiOptions = {}): Promise<Response> {
  const requestId = requestIdOf(request.headers);
  const url = new URL(request.url);
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : url.pathname;
  const headers = { "x-request-id": requestId };
  try {
    const { route, params: rawParams } = match(request.method, path);
    const now = options.now?.() ?? currentTime();
    const caller = await authenticate(options.db ?? getDb(), request, now);
    // From here on, everything the request reads and writes is the key's company's.
    const db = withCompany(options.db ?? getDb(), caller.ctx.companyId);
    if (route.scope === "write" && caller.scope !== "write") throw new ApiProblem(403, "readOnlyKey");
    await takeRateLimit(db, caller.keyId, options.rateLimit ?? DEFAULT_RATE_LIMIT, now);
    // A malformed id names nothing: the same answer as another company's id.
    const params = route.params?.safeParse(rawParams);
    if (params && !params.success) throw notFound();
    const query = parse(route.query, Object.fromEntries(url.searchParams), "query");
    const input = (body: unknown) => ({ params: params?.data, query, body });
    if (route.scope === "read") {
      const outcome = await route.handle(input(undefined), { db, caller, operationId: "" });
      return json({ status: outcome.status ?? 200, body: outcome.body }, headers);
    }
    const key = idempotencyKeyOf(request);
    const raw = await jsonBody(request);
    const hash = requestHash(request.method, path, raw);
    // The services' own operation row carries the hash too: two requests racing with one key and
    // different bodies meet on its unique index, and the second is refused there.
    const writer: ApiCaller = { ...caller, ctx: { ...caller.ctx, actor: { kind: "api_key", keyId: caller.keyId, requestHash: hash } } };
    const { response, replayed } = await idempotent(db, writer, { key, hash }, async (operationId) => {
      const outcome = await route.handle(input(parse(route.body, raw, "body")), { db, caller: writer, operationId });
      afterCommit(outcome, options.schedule);
      return { status: outcome.status ?? 200, body: outcome.body };
    });
    return json(response, replayed ? { ...headers, "idempotent-replayed": "true" } : headers);
  } catch (error) {
    const { problem, headers: extra } = toProblem(error, {
      instance: url.pathname,
      requestId,
      language: textLanguage(preferredLocale(request.headers.get("accept-language")) ?? "en"),
      fields: { method: request.method },
    });
    return problemResponse(problem, { ...headers, ...extra });
  }
}
