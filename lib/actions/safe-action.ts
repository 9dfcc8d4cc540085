import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { afterCommit } from "@/lib/actions/after-commit";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { getDb } from "@/db/client";
import { InvalidInputError } from "@/lib/errors";
import { type ActionError, type ActionResult, classify, fieldErrorsOf, requestIdOf, toActionError } from "@/lib/http/errors";
import type { OutgoingMail } from "@/lib/mail/send";
import type { OperationCall } from "@/lib/operations/kernel";
import type { Delivery } from "@/lib/realtime/channels";

export type { ActionError, ActionResult };

/** What a handler returns: its data, and what its committed operation delivers (events, mail) after the response. */
export type Outcome<T> = { data: T; mail?: readonly OutgoingMail[] } & Delivery;

/** An error thrown while the action ran, through the one mapper (lib/http/errors.ts): a server action always has a request. */
async function failure(error: unknown, fields: Record<string, unknown>): Promise<{ ok: false; error: ActionError }> {
  const requestId = requestIdOf(await headers());
  return { ok: false, error: toActionError(classify(error, { requestId, message: "server action failed", fields })) };
}

/**
 * The caller, read from the database, or the action's answer when there is none: signed out, or the
 * database failing while the caller is read (logged, with the request id).
 */
async function signedIn(): Promise<Viewer | { ok: false; error: ActionError }> {
  try {
    return (await getViewer()) ?? { ok: false, error: { code: "unauthenticated" } };
  } catch (error) {
    return failure(error, { stage: "viewer" });
  }
}

/** Parses, runs, hands events and mail to `after()`, and maps errors; shared by both kinds of action. */
async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (input: z.output<S>) => Promise<Outcome<T>>,
  logFields: Record<string, unknown>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: fieldErrorsOf(new InvalidInputError(parsed.error).issues) };
  try {
    const { data, ...delivery } = await handler(parsed.data);
    afterCommit(delivery);
    return { ok: true, data };
  } catch (error) {
    return failure(error, logFields);
  }
}

/** The operation behind each server action that changes something: the inventory test reads it. */
export const actionOperations = new WeakMap<(...args: never[]) => unknown, OperationCall<never, unknown>>();

/** Server actions that only read (searches, previews, option lists, pages of a list): the inventory test reads it. */
export const readActions = new WeakSet<(...args: never[]) => unknown>();

/**
 * The schema each action parses its input with, where it is the action's own (an `operationAction`
 * is parsed by its operation's): the fuzzers read it (lib/actions/actions.property.test.ts).
 */
export const actionInputs = new WeakMap<(...args: never[]) => unknown, z.ZodType>();

/**
 * A signed-in caller's action that is not one operation: a read, or (with `runs`) an action that must
 * read its input before the operation it runs (a course file, whose issues are answered as data).
 * Parses the input, resolves the caller from the database, runs the handler, publishes its events
 * after the response, and maps errors — expected ones to a code the page translates, everything else
 * (the database failing while the caller is read included) to a logged request id. A change of a
 * person's, a group's or a company's data is an `operationAction`.
 */
export function authorizedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, viewer: Viewer) => Promise<Outcome<T>>,
  runs?: OperationCall<never, unknown>,
) {
  const action = async (input: z.input<S>): Promise<ActionResult<T>> => {
    const viewer = await signedIn();
    if (!("userId" in viewer)) return viewer;
    return run(schema, input, (parsed) => handler(parsed, viewer), { userId: viewer.userId });
  };
  if (runs) actionOperations.set(action, runs);
  else readActions.add(action);
  actionInputs.set(action, schema);
  return action;
}

/**
 * For the few actions of signed-out people (asking for a reset link, choosing a password with a
 * one-time link): the same parsing, delivery and error mapping, with no caller. What such a handler
 * may do is decided by what it is given (a valid token, an address), never by who asks; the work is
 * the operation `runs` names, as the person the token or address belongs to.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>) => Promise<Outcome<T>>,
  runs: OperationCall<never, unknown>,
) {
  const action = (input: z.input<S>): Promise<ActionResult<T>> => run(schema, input, handler, {});
  actionOperations.set(action, runs);
  actionInputs.set(action, schema);
  return action;
}

/**
 * A server action that runs one kernel operation for the signed-in caller: the operation validates,
 * checks and runs; the action hands its deliveries to `after()` and then `refresh`es the pages that
 * show what changed (`revalidatePath`; a replay too, as the retrying page may be stale). `finish`
 * does what only the request can, once the operation committed (the session cookie: a changed
 * password's new session, signing out). `data` shapes what the browser gets.
 */
export function operationAction<I, T, D = T, P = I>(
  operation: OperationCall<I, T>,
  options: {
    /** What the server adds to the browser's input, for this submission (a new key's secret). */
    prepare?: (input: P) => I;
    refresh?: (input: I, result: T) => void;
    finish?: (result: T) => Promise<void>;
    data?: (result: T, input: I) => D;
  } = {},
) {
  const action = async (submitted: P): Promise<ActionResult<D>> => {
    const viewer = await signedIn();
    if (!("userId" in viewer)) return viewer;
    try {
      const input = options.prepare ? options.prepare(submitted) : (submitted as unknown as I);
      const { result, ...delivery } = await operation(getDb(), viewer, input);
      afterCommit(delivery);
      options.refresh?.(input, result);
      await options.finish?.(result);
      return { ok: true, data: options.data ? options.data(result, input) : (result as unknown as D) };
    } catch (error) {
      return failure(error, { userId: viewer.userId, operation: operation.spec.kind });
    }
  };
  actionOperations.set(action, operation);
  return action;
}
