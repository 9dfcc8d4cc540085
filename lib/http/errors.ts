import { AppError, type AppErrorCode, InvalidInputError } from "@/lib/errors";
import { log } from "@/base/log";
import { requestIdOf } from "./request-id";

export { requestIdOf };

/**
 * The one mapper from a caught error to an answer (docs/architecture.md, "Errors"): an expected error
 * (an `AppError`, the kernel's `InvalidInputError` included) is answered as it is; anything else is
 * logged once, under the request's id, and answered with that id alone, never its text. Each
 * surface renders the result in its own format: a server action's result (`toActionError`), a route
 * handler's JSON (`errorJson`), the API's problem details (lib/hr/api/problem.ts).
 */
export type Classified = { kind: "expected"; error: AppError } | { kind: "unexpected"; requestId: string };

export type Failure = {
  /** The request's id: `requestIdOf`, the proxy's. */
  requestId: string;
  /** The log line's message for an unexpected error, e.g. "server action failed". */
  message: string;
  /** What the log line says besides: the caller, the operation, the step. */
  fields?: Record<string, unknown>;
};

export function classify(error: unknown, failure: Failure): Classified {
  if (error instanceof AppError) return { kind: "expected", error };
  log.error(failure.message, { requestId: failure.requestId, ...failure.fields, error });
  return { kind: "unexpected", requestId: failure.requestId };
}

/** An error as a server action's result carries it, and the JSON routes the same pages call. */
export type ActionError = {
  code: AppErrorCode | "unexpected";
  values?: Record<string, string | number>;
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
};

/** What a server action answers, and what a page makes of a JSON route's answer (`getJson`). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Schema issues as catalogue keys per field; `_` holds those of the whole input. */
export function fieldErrorsOf(issues: readonly { path: string; message: string }[]): ActionError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path || "_"] ??= []).push(issue.message);
  return { code: "invalid_input", fieldErrors };
}

/** The action-result rendering: schema issues per field, an error about one field beside it, the rest by code or request id. */
export function toActionError(classified: Classified): ActionError {
  if (classified.kind === "unexpected") return { code: "unexpected", requestId: classified.requestId };
  const { error } = classified;
  if (error instanceof InvalidInputError) return fieldErrorsOf(error.issues);
  // An error about one field reads like a schema's: beside the field, under the general alert.
  if (error.field) return { code: "invalid_input", fieldErrors: { [error.field]: [error.code] } };
  return { code: error.code, values: error.values };
}

/** The HTTP status of a JSON route's answer: the route's own for the codes it names, 400 for other expected errors. */
export type StatusOf = Partial<Record<AppErrorCode, number>>;

/** What a route answers a client that went away mid-request (nobody reads it): nginx's "client closed request". */
const CLIENT_GONE = 499;

/** A route handler's error answer: the action's error shape as JSON (the pages read both alike), never cached. */
export function errorJson(error: unknown, request: Request, where: string, statusOf: StatusOf = {}): Response {
  if (request.signal.aborted) {
    // The client closed the request (a page left while it authorized its channels): not our failure.
    log.info("request abandoned by the client", { requestId: requestIdOf(request.headers), where, path: new URL(request.url).pathname });
    return new Response(null, { status: CLIENT_GONE });
  }
  const classified = classify(error, {
    requestId: requestIdOf(request.headers),
    message: "route handler failed",
    fields: { where, path: new URL(request.url).pathname },
  });
  const status = classified.kind === "unexpected" ? 500 : (statusOf[classified.error.code] ?? 400);
  return Response.json({ error: toActionError(classified) }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A route handler whose unexpected failures (a database lost while reading the session) are answered by `errorJson`. */
export function jsonRoute<A extends unknown[]>(where: string, handle: (request: Request, ...rest: A) => Promise<Response>) {
  return (request: Request, ...rest: A): Promise<Response> =>
    handle(request, ...rest).catch((error: unknown) => errorJson(error, request, where));
}
