import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import type { ApiCaller } from "./auth";
import { ApiProblem } from "./problem";

/** A response as it is stored for replay. */
export type StoredResponse = { status: number; body: unknown };

/** Any visible ASCII, as most APIs accept: clients send UUIDs, ULIDs or their own ids. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Every write needs one: it is what lets a client retry after a timeout without doing the work twice. */
export function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get("idempotency-key");
  if (key === null) throw new ApiProblem(400, "idempotencyKeyRequired");
  if (!IDEMPOTENCY_KEY.test(key)) throw new ApiProblem(400, "idempotencyKeyInvalid");
  return key;
}

/**
 * JSON with object keys sorted, so the same body hashes the same however its keys are ordered.
 * Recursive: the handler refuses bodies nested deeper than MAX_JSON_DEPTH (lib/http/json-depth.ts) before they get here.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** The request a key stands for: method, path and canonical body. */
export const requestHash = (method: string, path: string, body: unknown) =>
  sha256(`${method} ${path}\n${canonicalJson(body)}`).toString("hex");

/**
 * The operation id the services run under, derived from the key and the Idempotency-Key (a version 8
 * UUID): a retry, even one racing the first request, reaches the kernel's claim with the same
 * id and gets the first result instead of a second effect.
 */
export function serviceOperationId(keyId: string, idempotencyKey: string): string {
  const bytes = sha256(`${keyId}:${idempotencyKey}`).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Record_ = { requestHash: string | null; result: StoredResponse | null };

/**
 * Runs a write once per API key and Idempotency-Key. The response is kept in `operations` (key
 * `api:<keyId>:<key>`, with the request's hash): the same key and body answer the first response
 * again; the same key with another request is a 409. Failed requests change nothing and are not
 * kept, so a retry runs them again.
 */
export async function idempotent(
  db: Database,
  caller: ApiCaller,
  request: { key: string; hash: string },
  run: (operationId: string) => Promise<StoredResponse>,
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const operationKey = `api:${caller.keyId}:${request.key}`;
  const read = async () =>
    (
      await queryRows<Record_>(
        db,
        sql`select request_hash as "requestHash", result from operations
            where company_id = ${caller.ctx.companyId} and actor_id = ${caller.ctx.userId} and operation_key = ${operationKey}`,
      )
    )[0];
  const previous = await read();
  if (previous) return replay(previous, request.hash);
  const response = await run(serviceOperationId(caller.keyId, request.key));
  const [kept] = await queryRows<{ id: string }>(
    db,
    sql`insert into operations (company_id, actor_id, operation_key, kind, request_hash, result)
        values (${caller.ctx.companyId}, ${caller.ctx.userId}, ${operationKey}, 'api.request', ${request.hash},
                ${JSON.stringify(response)}::jsonb)
        on conflict (company_id, actor_id, operation_key) do nothing returning id`,
  );
  if (kept) return { response, replayed: false };
  // A concurrent request with the same key stored its response first.
  return replay((await read())!, request.hash);
}

function replay(previous: Record_, hash: string): { response: StoredResponse; replayed: boolean } {
  if (previous.requestHash !== hash || !previous.result) throw new ApiProblem(409, "idempotencyKeyReused");
  return { response: previous.result, replayed: true };
}
