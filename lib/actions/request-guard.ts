import type { ActionError, ActionResult } from "./safe-action";
import { nestsDeeperThan } from "@/lib/http/json-depth";
import { ACTION_BODY_LIMIT_BYTES, ACTION_BODY_LIMIT_MB } from "./body-limit";

/**
 * Server action requests that Next would answer with a 500: a body over the limit, or one that is
 * not the arguments React encodes (JSON, or multipart whose parts are JSON and Blobs), or nests
 * deeper than it decodes. The proxy
 * answers them first, with 413 or 400 and a code as plain text, which Next's client turns into the
 * error the action's caller sees (`components/ui/use-action.ts` translates it). Well-formed bodies
 * pass untouched, whatever their arguments: checking those is each action's schema's job.
 */

/** Codes of the refusals; each has a sentence under `errors` in the catalogue. */
export const ACTION_REFUSALS = ["action_body_too_large", "action_body_invalid"] as const;
export type ActionRefusal = (typeof ACTION_REFUSALS)[number];

/** A refusal as Next's client reads it: `text/plain` exactly, so the body becomes the thrown error's message. */
function refusal(status: 400 | 413, code: ActionRefusal): Response {
  return new Response(code, { status, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}

/** The body, or null once it passes `limit` bytes (a chunked body has no length to check first). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned body settles only once the other is done too.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * React's reply encoding (`parseModelString` in react-server-dom): a string starting with `$` is a
 * reference. These stand alone: an escaped `$`, temporary references, numbers, undefined, dates, big
 * integers, FormData entries by prefix.
 */
const SELF_CONTAINED = new Set(["$", "H", "T", "I", "-", "N", "u", "D", "n", "K"]);
/** These name another part of the body: promises, server references, maps, sets, iterators, Blobs. */
const ROW_KINDS = new Set(["@", "h", "Q", "W", "i", "B"]);
/** Typed arrays and streams: no page of this app sends them, and their parts are not checked here. */
const UNSUPPORTED = new Set([..."AOoUSsLlGgMmVRrXx"]);

type Reference = { row: string; blob: boolean } | "none" | "invalid";

function referenceOf(value: string): Reference {
  if (value[0] !== "$") return "none";
  const kind = value[1];
  if (kind === undefined || UNSUPPORTED.has(kind)) return "invalid";
  if (SELF_CONTAINED.has(kind)) return "none";
  // An outlined model is `$<hex id>`, optionally followed by `:path`; the others put their kind first.
  const id = (ROW_KINDS.has(kind) ? value.slice(2) : value.slice(1)).split(":")[0]!;
  if (!/^[0-9a-fA-F]{1,8}$/.test(id)) return "invalid";
  return { row: String(parseInt(id, 16)), blob: kind === "B" };
}

/** The rows a model's strings refer to, or null when one cannot be decoded. Iterative: any depth. */
function referencesIn(model: unknown): Reference[] | null {
  const found: Reference[] = [];
  const stack: unknown[] = [model];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      const reference = referenceOf(value);
      if (reference === "invalid") return null;
      if (reference !== "none") found.push(reference);
    } else if (value !== null && typeof value === "object") {
      // One at a time: spreading a long array into push() would overflow the call's arguments.
      for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push(item);
    }
  }
  return found;
}

/**
 * A part's JSON, or null when it is none, or nested deeper than React decodes: it revives arguments
 * recursively, and a part 5,000 levels deep overflows its stack (Next's 500).
 */
function parseJson(text: string): { value: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  return nestsDeeperThan(value) ? null : { value };
}

/** A multipart body's parts by name, with where each first comes (React reads them in order). */
type Parts = Map<string, { value: string | Blob; index: number }>;

function partsOf(form: FormData): Parts {
  const parts: Parts = new Map();
  let index = 0;
  for (const [name, value] of form.entries()) if (!parts.has(name)) parts.set(name, { value, index: index++ });
  return parts;
}

/**
 * Whether the body decodes: a JSON array of arguments at part "0", every reference to a part that
 * exists and decodes too; a Blob must come before the part that refers to it, as React sends it
 * (read in order, a Blob named before it arrived is "not a Blob").
 */
function decodes(parts: Parts): boolean {
  const root = parts.get("0");
  if (typeof root?.value !== "string") return false;
  const parsed = parseJson(root.value);
  if (!parsed || !Array.isArray(parsed.value)) return false;
  const pending: { model: unknown; index: number }[] = [{ model: parsed.value, index: root.index }];
  const seen = new Set<string>(["0"]);
  while (pending.length > 0) {
    const { model, index } = pending.pop()!;
    const references = referencesIn(model);
    if (!references) return false;
    for (const reference of references) {
      if (reference === "none" || reference === "invalid") continue;
      const part = parts.get(reference.row);
      if (reference.blob) {
        if (!(part?.value instanceof Blob) || part.index > index) return false;
        continue;
      }
      if (typeof part?.value !== "string") return false;
      if (seen.has(reference.row)) continue;
      seen.add(reference.row);
      const referenced = parseJson(part.value);
      if (!referenced) return false;
      pending.push({ model: referenced.value, index: part.index });
    }
  }
  return true;
}

/** The refusal for a malformed server action request, or null for anything else (which goes on as usual). */
export async function refuseMalformedAction(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const length = Number(request.headers.get("content-length"));
  if (length > ACTION_BODY_LIMIT_BYTES) return refusal(413, "action_body_too_large");
  const body = await readLimited(request.clone(), ACTION_BODY_LIMIT_BYTES);
  if (!body) return refusal(413, "action_body_too_large");
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": type } }).formData();
    } catch (error) {
      // The parser's refusal of a body that is no form; anything else is a fault.
      if (!(error instanceof TypeError)) throw error;
      return refusal(400, "action_body_invalid");
    }
    return decodes(partsOf(form)) ? null : refusal(400, "action_body_invalid");
  }
  // A body that is not multipart is the arguments alone (decoded as Next does): nothing for a reference to point at.
  return decodes(new Map([["0", { value: new TextDecoder().decode(body), index: 0 }]])) ? null : refusal(400, "action_body_invalid");
}

/**
 * The error an action's caller shows when the call threw instead of answering: one of the refusals
 * above by its code (Next's client throws the plain-text body as the message), anything else (the
 * network, say) as unexpected.
 */
export function thrownActionError(error: unknown): ActionError {
  const message = error instanceof Error ? error.message : "";
  const code = ACTION_REFUSALS.find((candidate) => candidate === message);
  if (code === "action_body_too_large") return { code, values: { max: ACTION_BODY_LIMIT_MB } };
  return code ? { code } : { code: "unexpected" };
}

/** A server action's answer, a throw included: the one way a caller turns a thrown call into its refusal. */
export async function settledAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch (thrown) {
    return { ok: false, error: thrownActionError(thrown) };
  }
}
